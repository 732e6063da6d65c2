package org.mconnectevents.camel.jpa.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One row of the outbox table {@code mconnect_outbox}: an event written in the business transaction, sent later by an
 * {@link OutboxRelay}. The table's DDL is in this jar at {@code org/mconnectevents/camel/jpa/outbox/outbox-postgresql.sql}
 * and {@code outbox-h2.sql}. Rows are made by {@link Outbox#row(io.cloudevents.CloudEvent)}; a row is pending until
 * {@code sentAt} is set, and is parked (with {@code lastError}) when the service refused it for good.
 */
@Entity
@Table(name = "mconnect_outbox")
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id", nullable = false, length = 255)
    private String eventId;

    @Column(name = "source", nullable = false, length = 1024)
    private String source;

    @Column(name = "type", nullable = false, length = 255)
    private String type;

    @Column(name = "partition_key", length = 255)
    private String partitionKey;

    @Column(name = "lane", nullable = false)
    private short lane;

    @Column(name = "event", nullable = false, length = 1048576)
    private String event;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "sent_at")
    private OffsetDateTime sentAt;

    @Column(name = "parked_at")
    private OffsetDateTime parkedAt;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "last_error", length = 2000)
    private String lastError;

    /** For JPA; use {@link Outbox#row(io.cloudevents.CloudEvent)}. */
    protected OutboxEvent() {
    }

    OutboxEvent(String eventId, String source, String type, String partitionKey, String event, OffsetDateTime createdAt) {
        this.eventId = eventId;
        this.source = source;
        this.type = type;
        this.partitionKey = partitionKey;
        this.lane = (short) Outbox.laneOf(partitionKey, eventId);
        this.event = event;
        this.createdAt = createdAt;
    }

    /** The row's number: rows of one partition key are sent in this order. */
    public Long getId() {
        return id;
    }

    /** The event's {@code id}. */
    public String getEventId() {
        return eventId;
    }

    /** The event's {@code source}. */
    public String getSource() {
        return source;
    }

    /** The event's {@code type}. */
    public String getType() {
        return type;
    }

    /** The event's {@code partitionkey}, or null. */
    public String getPartitionKey() {
        return partitionKey;
    }

    /** The lane (0 to {@value Outbox#LANES} - 1) a relay locks to send this row. */
    public short getLane() {
        return lane;
    }

    /** The event in the JSON event format, as it will be sent. */
    public String getEvent() {
        return event;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    /** When a relay had it stored by the service; null while pending. */
    public OffsetDateTime getSentAt() {
        return sentAt;
    }

    /** When the service refused it for good; null unless parked. */
    public OffsetDateTime getParkedAt() {
        return parkedAt;
    }

    /** How many sends failed. */
    public int getAttempts() {
        return attempts;
    }

    /** The last failure, or null. */
    public String getLastError() {
        return lastError;
    }

    @Override
    public String toString() {
        return "OutboxEvent[" + id + ": source=" + source + ", id=" + eventId + ", type=" + type
                + (partitionKey == null ? "" : ", partitionkey=" + partitionKey) + "]";
    }
}
