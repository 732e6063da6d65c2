package org.mconnectevents.camel.jpa.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The business effect of an order event in these tests: one row per application, naming the attempt that wrote it. */
@Entity
@Table(name = "test_applied_order")
public class AppliedOrder {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "event_id", nullable = false)
    private String eventId;
    @Column(name = "attempt", nullable = false)
    private int attempt;

    protected AppliedOrder() {
    }

    public AppliedOrder(String eventId, int attempt) {
        this.eventId = eventId;
        this.attempt = attempt;
    }

    public String getEventId() {
        return eventId;
    }

    public int getAttempt() {
        return attempt;
    }
}
