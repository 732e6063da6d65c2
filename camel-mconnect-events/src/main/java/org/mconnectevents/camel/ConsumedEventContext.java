package org.mconnectevents.camel;

import io.cloudevents.CloudEvent;
import org.mconnectevents.camel.client.ConsumedEvent;
import org.mconnectevents.camel.client.ConsumerSession;

/**
 * What the consumer knows about the event of one exchange: the session it came from (dead reports go there),
 * and what became of it. Travels with the exchange as a property, so that {@code mconnect-events:dead} can
 * report the event and the consumer can tell a reported event from a technical failure. Fields are written
 * by the exchange's own thread and read by the consumer after the exchange completes.
 */
final class ConsumedEventContext {

    /** The exchange property holding this context. */
    static final String PROPERTY = "CamelMConnectEventsConsumedEvent";

    private final ConsumedEvent consumed;
    private final ConsumerSession session;
    private final SessionRunner runner;
    private final OffsetTracker tracker;
    private final int generation;
    private volatile boolean reportedDead;
    private volatile Throwable refusedAsTechnical;

    ConsumedEventContext(ConsumedEvent consumed, ConsumerSession session, SessionRunner runner, OffsetTracker tracker, int generation) {
        this.consumed = consumed;
        this.session = session;
        this.runner = runner;
        this.tracker = tracker;
        this.generation = generation;
    }

    /** The offsets of the session the event came from. */
    OffsetTracker tracker() {
        return tracker;
    }

    /** Which session of the runner the event came from. */
    int generation() {
        return generation;
    }

    ConsumedEvent consumed() {
        return consumed;
    }

    CloudEvent event() {
        return consumed.event();
    }

    long offset() {
        return consumed.offset();
    }

    ConsumerSession session() {
        return session;
    }

    SessionRunner runner() {
        return runner;
    }

    void reportedDead() {
        reportedDead = true;
    }

    boolean isReportedDead() {
        return reportedDead;
    }

    /**
     * The dead channel did not report this event, because its failure is technical or because the report itself
     * failed: it must come again.
     */
    void refusedAsTechnical(Throwable failure) {
        refusedAsTechnical = failure;
    }

    Throwable refusedAsTechnical() {
        return refusedAsTechnical;
    }
}
