package org.mconnectevents.camel.jpa.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.MConnectEventsBacklog;
import org.mconnectevents.camel.MConnectEventsComponent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox's backlog as the dev console and the metrics show it, on every database the outbox supports: rows not sent
 * yet, rows parked, and when the oldest row not sent yet was written; a relay started from the route template adds its
 * outbox to the component.
 */
abstract class OutboxBacklogContract extends OutboxRelayTestSupport {

    @Test
    void countsThePendingAndParkedRowsAndDatesTheOldestPendingOne() throws Exception {
        insert(orders("first-", 2, n -> null));
        insert(orders("second-", 3, n -> "key-" + n));
        set("sent_at", "first-0");
        set("parked_at", "second-0");

        MConnectEventsBacklog.Measurement measured = new OutboxBacklog("orders", database.dataSource()).measure();

        assertThat(measured.pending()).isEqualTo(3);
        assertThat(measured.parked()).isEqualTo(1);
        assertThat(measured.oldestPending()).isEqualTo(createdAt("first-1"));
    }

    @Test
    void anEmptyOutboxHasNoOldestPendingRow() throws Exception {
        insert(orders("sent-", 1, n -> null));
        set("sent_at", "sent-0");

        MConnectEventsBacklog.Measurement measured = new OutboxBacklog("orders", database.dataSource()).measure();

        assertThat(measured).isEqualTo(new MConnectEventsBacklog.Measurement(0, 0, null));
    }

    @Test
    void aRelayFromTheTemplateAddsItsOutboxToTheComponentUnderItsId() throws Exception {
        insert(orders("order-", 5, n -> null));
        startRelay("orders-relay");

        MConnectEventsComponent component = context.getComponent("mconnect-events", MConnectEventsComponent.class);
        assertThat(component.getBacklogs()).extracting(MConnectEventsBacklog::name).containsExactly("orders-relay");
        MConnectEventsBacklog backlog = component.getBacklogs().get(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> backlog.measure().pending() == 0);
        assertThat(backlog.measure().oldestPending()).isNull();
    }

    /** Sets a timestamp column of the row of an event to now. */
    private void set(String column, String eventId) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("UPDATE mconnect_outbox SET " + column + " = ? WHERE event_id = ?")) {
            statement.setTimestamp(1, Timestamp.from(Instant.now()));
            statement.setString(2, eventId);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    private Instant createdAt(String eventId) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT created_at FROM mconnect_outbox WHERE event_id = ?")) {
            statement.setString(1, eventId);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getTimestamp(1).toInstant();
            }
        }
    }
}
