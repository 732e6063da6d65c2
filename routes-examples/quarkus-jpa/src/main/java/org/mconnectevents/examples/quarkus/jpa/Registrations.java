package org.mconnectevents.examples.quarkus.jpa;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.mconnectevents.camel.jpa.outbox.Outbox;

/**
 * The producing side: a registration and its event are written in one JTA transaction with the application's own
 * EntityManager, so that either both are stored or neither; the outbox relay sends the event afterwards.
 */
@ApplicationScoped
public class Registrations {

    /** The source the civil registry produces its events as. */
    public static final String SOURCE = "urn:example:civil-registry";
    /** The type of a registration's event. */
    public static final String TYPE = "EXAMPLE.CivilRegistry.Citizen.Registered";

    @Inject
    EntityManager entityManager;

    /** Registers a citizen and writes its event to the outbox; the registration's id is the event's id. */
    @Transactional
    public String register(String idnp, String name) {
        Registration registration = new Registration();
        registration.id = UUID.randomUUID().toString();
        registration.idnp = idnp;
        registration.name = name;
        registration.registeredAt = OffsetDateTime.now();
        entityManager.persist(registration);
        entityManager.persist(Outbox.row(event(registration.id, "idnp:" + idnp,
                "{\"idnp\":\"" + idnp + "\",\"name\":\"" + name + "\"}")));
        return registration.id;
    }

    /** Writes an event as it is to the outbox, without a registration: for events the example sends on purpose. */
    @Transactional
    public void announce(String id, String partitionKey, String json) {
        entityManager.persist(Outbox.row(event(id, partitionKey, json)));
    }

    private static CloudEvent event(String id, String partitionKey, String json) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create(SOURCE))
                .withType(TYPE)
                .withDataContentType("application/json")
                .withExtension("partitionkey", partitionKey)
                .withData(json.getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
