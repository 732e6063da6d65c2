package org.mconnectevents.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.mconnectevents.client.EventCodec;
import org.mconnectevents.emulator.Emulator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the civil registry does end to end, against the emulator it starts, whichever DSL its consumer is written in
 * (the subclasses choose it and the database): a registration made over HTTP reaches the register through the outbox,
 * the relay, the service and the consumer, with its personal-data record; a duplicate delivery is skipped; an event the
 * register can never process is reported dead and leaves nothing behind.
 */
abstract class RegistrationFlowContract {

    static final Duration BOUND = Duration.ofSeconds(60);

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Emulator emulator;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    RegisteredCitizens register;
    @Value("${civil-registry.event.source}")
    URI source;
    @Value("${civil-registry.event.type}")
    String type;

    @Test
    void aRegistrationReachesTheRegisterWithItsPersonalDataRecord() {
        String id = registerOverHttp("2001234567890", "Ion Popescu");

        await().atMost(BOUND).until(() -> register.existsById(id));
        RegisteredCitizen citizen = register.findById(id).orElseThrow();
        assertThat(citizen.getIdnp()).isEqualTo("2001234567890");
        assertThat(citizen.getName()).isEqualTo("Ion Popescu");
        assertThat(count("mconnect_personal_data_record WHERE event_id = ? AND subject = ?", id, "2001234567890")).isOne();
        assertThat(count("mconnect_outbox WHERE event_id = ? AND sent_at IS NOT NULL", id)).isOne();
        assertThat(count("registration WHERE id = ?", id)).isOne();
    }

    @Test
    void aDuplicateDeliveryIsSkipped() {
        String id = UUID.randomUUID().toString();
        CloudEvent event = registrationEvent(id, "{\"registration\":\"" + id + "\",\"idnp\":\"2001234567891\",\"name\":\"Ana\"}");
        producer.sendBody("mconnect-events:events", event);
        producer.sendBody("mconnect-events:events", event);   // a producer's retry: the same source and id

        await().atMost(BOUND).until(() -> register.existsById(id));
        await().atMost(BOUND).until(() -> unconfirmedEvents() == 0);
        assertThat(count("mconnect_personal_data_record WHERE event_id = ?", id)).as("processed once").isOne();
        assertThat(count("CAMEL_MESSAGEPROCESSED WHERE messageId LIKE ?", "%:" + id)).isOne();
    }

    @Test
    void anEventWithoutAnIdnpIsReportedDeadAndLeavesNothingBehind() {
        String id = UUID.randomUUID().toString();
        producer.sendBody("mconnect-events:events", registrationEvent(id, "{\"registration\":\"" + id + "\",\"name\":\"Nobody\"}"));

        await().atMost(BOUND).until(() -> deadIds().contains(id));
        await().atMost(BOUND).until(() -> unconfirmedEvents() == 0);
        assertThat(register.existsById(id)).isFalse();
        assertThat(count("mconnect_personal_data_record WHERE event_id = ?", id)).isZero();
        assertThat(count("CAMEL_MESSAGEPROCESSED WHERE messageId LIKE ?", "%:" + id)).as("rolled back").isZero();
    }

    String registerOverHttp(String idnp, String name) {
        ResponseEntity<Map<String, String>> answer = http.exchange(RequestEntity.post("/registrations")
                .body(Map.of("idnp", idnp, "name", name)), new ParameterizedTypeReference<>() {
                });
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return answer.getBody().get("id");
    }

    CloudEvent registrationEvent(String id, String data) {
        return CloudEventBuilder.v1().withId(id).withSource(source).withType(type)
                .withExtension(EventCodec.PARTITION_KEY, "registration:" + id)
                .withData("application/json", data.getBytes(StandardCharsets.UTF_8)).build();
    }

    long count(String fromWhere, Object... arguments) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + fromWhere, Long.class, arguments);
    }

    /** Events of the register's group not confirmed yet (waiting or delivered). */
    long unconfirmedEvents() {
        JsonNode group = emulator.state().path("clients").path(EmulatorConnection.CLIENT).path("groups").path("citizen-register");
        return group.path("pending").asLong() + group.path("inFlight").asLong();
    }

    /** The ids of the events reported dead. */
    List<String> deadIds() {
        return StreamSupport.stream(emulator.deadEvents(EmulatorConnection.CLIENT).spliterator(), false)
                .map(dead -> dead.path("id").asText()).toList();
    }
}
