package org.mconnectevents.camel.jpa.outbox;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.mconnectevents.client.EventCodec;
import org.mconnectevents.client.EventRules;

/**
 * Writing events to the outbox, inside the business transaction: the event is stored with the business change or not
 * at all, and an {@link OutboxRelay} sends it afterwards.
 * <pre>
 * // in a transacted route, where the business write happens
 * from("direct:place-order").transacted()
 *     .to("jpa:com.example.Order")
 *     .setHeader(MConnectEventsConstants.CLOUD_EVENT_TYPE, constant("EXA.Orders.Order.Created"))
 *     .process(Outbox.append(entityManagerFactory));   // instead of .to("mconnect-events:events")
 *
 * // or in your own code, with the transaction's EntityManager
 * entityManager.persist(Outbox.row(event));
 * </pre>
 */
public final class Outbox {

    /**
     * How many lanes rows are spread over by partition key. A relay locks the lanes it sends, so at most this many
     * relays work at once; it is part of the table's contract (the DDL creates this many lane rows).
     */
    public static final int LANES = 32;

    private static final String INSERT = "INSERT INTO mconnect_outbox (event_id, source, type, partition_key, lane, event, "
            + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private static final EventRules RULES = new EventRules(64 * 1024, 1024 * 1024, Clock.systemUTC());

    private Outbox() {
    }

    /**
     * The outbox row of an event, checked as the producer checks it (attributes, {@code time} not in the future, 64 KiB
     * per event). An event without {@code time} gets the current time, so that it says when the business change
     * happened rather than when the relay sent it.
     *
     * @throws org.mconnectevents.client.MConnectEventsRejectedException naming the event and the rule
     */
    public static OutboxEvent row(CloudEvent event) {
        return row(event, RULES);
    }

    static OutboxEvent row(CloudEvent event, EventRules rules) {
        CloudEvent timed = event.getTime() != null ? event
                : CloudEventBuilder.from(event).withTime(OffsetDateTime.now(ZoneOffset.UTC)).build();
        byte[] json = rules.checkedJson(timed);
        Object partitionKey = timed.getExtension(EventCodec.PARTITION_KEY);
        return new OutboxEvent(timed.getId(), timed.getSource().toString(), timed.getType(),
                partitionKey == null ? null : partitionKey.toString(), new String(json, StandardCharsets.UTF_8),
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    /**
     * Writes events to the outbox with plain JDBC, on a connection in the caller's transaction (for code without JPA).
     * Each is checked and timed as {@link #row(CloudEvent)} does.
     */
    public static void insert(Connection connection, List<CloudEvent> events) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            for (CloudEvent event : events) {
                OutboxEvent row = row(event);
                statement.setString(1, row.getEventId());
                statement.setString(2, row.getSource());
                statement.setString(3, row.getType());
                statement.setString(4, row.getPartitionKey());
                statement.setShort(5, row.getLane());
                statement.setString(6, row.getEvent());
                statement.setObject(7, row.getCreatedAt());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * A processor that writes the exchange's event to the outbox with the route transaction's {@link EntityManager}:
     * the event {@code to("mconnect-events:events")} would send (a CloudEvent body, or the body as data with the
     * {@code CamelCloudEvent*} headers and the component's {@code source}/{@code type}).
     */
    public static OutboxAppender append(EntityManagerFactory entityManagerFactory) {
        return new OutboxAppender(entityManagerFactory, "mconnect-events:events");
    }

    /** As {@link #append(EntityManagerFactory)}, with the options (source, type, size limits) of another endpoint. */
    public static OutboxAppender append(EntityManagerFactory entityManagerFactory, String endpointUri) {
        return new OutboxAppender(entityManagerFactory, endpointUri);
    }

    /**
     * The lane of a row: from its partition key, so that all events of one key are sent by one relay at a time and in
     * order; events without a key are spread by id.
     */
    static int laneOf(String partitionKey, String eventId) {
        String spread = partitionKey != null ? partitionKey : eventId;
        return Math.floorMod(spread.hashCode(), LANES);
    }
}
