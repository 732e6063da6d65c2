package org.mconnectevents.camel;

import java.time.Instant;

/**
 * Events kept on their way to the service and not produced yet, such as the pending rows of an outbox
 * ({@code OutboxBacklog} of {@code camel-mconnect-events-jpa}), as the dev console and the metrics show them. Register
 * one with {@link MConnectEventsComponent#addBacklog(MConnectEventsBacklog)}.
 */
public interface MConnectEventsBacklog {

    /** What the backlog is called in the console and in the metrics' tags, e.g. the outbox relay's id. */
    String name();

    /**
     * Measures the backlog now. It may query a database: the caller (a metrics scrape, the console) waits for it.
     *
     * @throws Exception when it cannot be measured now (the database is down, say)
     */
    Measurement measure() throws Exception;

    /**
     * What a backlog held when it was measured.
     *
     * @param pending        events waiting to be produced
     * @param parked         events refused by the service for good, waiting for an operator
     * @param oldestPending  when the oldest pending event was stored; null when none is pending
     */
    record Measurement(long pending, long parked, Instant oldestPending) {
    }
}
