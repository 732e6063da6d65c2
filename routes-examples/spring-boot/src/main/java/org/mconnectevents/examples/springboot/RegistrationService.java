package org.mconnectevents.examples.springboot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.mconnectevents.camel.jpa.outbox.Outbox;
import org.mconnectevents.client.EventCodec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers a citizen: the registration and the event announcing it are written in one transaction, through the
 * application's own repositories, so that neither is ever stored without the other.
 */
@Service
public class RegistrationService {

    private final Registrations registrations;
    private final OutboxEvents outbox;
    private final ObjectMapper json;
    private final URI source;
    private final String type;

    public RegistrationService(Registrations registrations, OutboxEvents outbox, ObjectMapper json,
            @Value("${civil-registry.event.source}") URI source, @Value("${civil-registry.event.type}") String type) {
        this.registrations = registrations;
        this.outbox = outbox;
        this.json = json;
        this.source = source;
        this.type = type;
    }

    /** Stores the registration and its event; answers the registration's id, which is also the event's. */
    @Transactional
    public String register(String idnp, String name) {
        Registration registration = registrations.save(new Registration(UUID.randomUUID().toString(), idnp, name,
                OffsetDateTime.now(ZoneOffset.UTC)));
        outbox.save(Outbox.row(announcement(registration)));
        return registration.getId();
    }

    private CloudEvent announcement(Registration registration) {
        try {
            byte[] data = json.writeValueAsBytes(Map.of("registration", registration.getId(), "idnp", registration.getIdnp(),
                    "name", registration.getName()));
            return CloudEventBuilder.v1().withId(registration.getId()).withSource(source).withType(type)
                    .withTime(registration.getRegisteredAt())
                    .withExtension(EventCodec.PARTITION_KEY, "idnp:" + registration.getIdnp())
                    .withData("application/json", data).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the event of registration " + registration.getId(), e);
        }
    }
}
