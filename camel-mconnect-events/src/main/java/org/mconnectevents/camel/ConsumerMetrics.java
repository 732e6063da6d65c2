package org.mconnectevents.camel;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * What a consumer counts: into its endpoint's counters (JMX) and to the component's observers (metrics). Thread-safe.
 */
final class ConsumerMetrics {

    private final MConnectEventsConsumer consumer;
    private final MConnectEventsMetrics endpointCounters;
    private final Observers observers;

    ConsumerMetrics(MConnectEventsConsumer consumer) {
        this.consumer = consumer;
        this.endpointCounters = consumer.getEndpoint().metrics();
        this.observers = consumer.getEndpoint().getComponent().observers();
    }

    /** An event goes to the route; {@code time} is its time attribute, or null when it has none or could not be read. */
    void consumed(OffsetDateTime time, Instant now) {
        endpointCounters.consumedOne();
        Duration sinceEventTime = time == null ? null : max0(Duration.between(time.toInstant(), now));
        observers.tell(observer -> observer.consumed(consumer, sinceEventTime));
    }

    void confirmed(int events) {
        endpointCounters.confirmed(events);
        observers.tell(observer -> observer.confirmed(consumer, events));
    }

    void reportedDead() {
        observers.tell(observer -> observer.reportedDead(consumer));
    }

    void reconnected() {
        endpointCounters.reconnected();
        observers.tell(observer -> observer.reconnected(consumer));
    }

    /** A time ahead of this machine's clock (the producer's clock is ahead) counts as no time at all. */
    private static Duration max0(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
