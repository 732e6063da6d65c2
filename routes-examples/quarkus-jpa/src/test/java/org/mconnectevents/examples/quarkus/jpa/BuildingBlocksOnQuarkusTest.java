package org.mconnectevents.examples.quarkus.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mconnectevents.camel.checklist.ChecklistItem.*;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.checklist.MConnectEventsChecklist;
import org.mconnectevents.emulator.Emulator;

/**
 * The building blocks on Camel Quarkus, on PostgreSQL at 127.0.0.1:5432 and the emulator: registrations and their
 * outbox rows written in one @Transactional method, sent by the relay, consumed into the register with the
 * idempotent repository and the personal-data record in one JTA transaction; a duplicate is skipped, and an event
 * the register cannot take is reported dead with nothing of it committed; the application meets the operator's
 * checklists.
 */
@QuarkusTest
@QuarkusTestResource(EmulatorResource.class)
class BuildingBlocksOnQuarkusTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @Inject
    Registrations registrations;

    @Inject
    AgroalDataSource dataSource;

    @InjectEmulator
    Emulator emulator;

    @Inject
    CamelContext camel;

    @Test
    void registrationsTravelThroughOutboxRelayAndConsumerOnceEach() throws SQLException {
        String idnp = "2001" + String.format("%09d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        String first = registrations.register(idnp, "Ion Popescu");
        String second = registrations.register(idnp, "Ion Popescu-Rusu");
        // a producer retry: the same event (source and id) written and sent again
        registrations.announce(first, "idnp:" + idnp, "{\"idnp\":\"" + idnp + "\",\"name\":\"Ion Popescu\"}");

        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(strings("SELECT registration FROM registered_citizen WHERE idnp = ?", idnp))
                    .containsExactlyInAnyOrder(first, second);
            assertThat(strings("SELECT event_id FROM mconnect_outbox WHERE event_id IN (?, ?) AND sent_at IS NULL", first, second))
                    .isEmpty();
        });
        assertThat(strings("SELECT event_id FROM mconnect_personal_data_record WHERE subject = ?", idnp))
                .containsExactlyInAnyOrder(first, second);
        assertThat(strings("SELECT messageId FROM CAMEL_MESSAGEPROCESSED WHERE processorName = 'citizen-register' "
                + "AND messageId LIKE ?", "%" + first)).hasSize(1);
        // the duplicate was delivered (both rows were sent) and skipped: one citizen, one record, one key
        assertThat(strings("SELECT event_id FROM mconnect_outbox WHERE event_id = ?", first)).hasSize(2);
        MConnectEventsChecklist.of(camel).assertMet(CONFIGURED_CONNECTION, INTERMEDIATES_SENT, CERTIFICATE_REMINDER, OUTBOX,
                SOURCE_URI, UNIQUE_IDS, CONSISTENT_TIME, SIZES, CONFIRMATION, IDEMPOTENT_CONSUMER, DEAD_EVENTS_REPORTED,
                NEVER_DEAD_FOR_TECHNICAL_ERRORS, WEBSOCKET, SESSIONS_DIVIDE_12, MONITORED);
    }

    @Test
    void anEventTheRegisterCannotTakeIsReportedDeadAndLeavesNothing() throws SQLException {
        String id = "no-name-" + UUID.randomUUID();
        registrations.announce(id, "idnp:2009999999999", "{\"idnp\":\"2009999999999\"}");

        await().atMost(BOUND).untilAsserted(() -> assertThat(emulator.deadEvents(EmulatorResource.CLIENT))
                .anySatisfy(dead -> assertThat(dead.path("id").asText()).isEqualTo(id)));
        assertThat(strings("SELECT registration FROM registered_citizen WHERE registration = ?", id)).isEmpty();
        assertThat(strings("SELECT event_id FROM mconnect_personal_data_record WHERE event_id = ?", id)).isEmpty();
        assertThat(strings("SELECT messageId FROM CAMEL_MESSAGEPROCESSED WHERE messageId LIKE ?", "%" + id)).isEmpty();
    }

    private List<String> strings(String sql, String... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
