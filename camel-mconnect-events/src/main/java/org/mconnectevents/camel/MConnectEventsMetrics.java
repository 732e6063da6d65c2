package org.mconnectevents.camel;

import java.util.concurrent.atomic.LongAdder;

/** The counters of one endpoint, shown through Camel's management (JMX). Thread-safe. */
final class MConnectEventsMetrics {

    private final LongAdder produced = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder produceRequests = new LongAdder();
    private final LongAdder consumed = new LongAdder();
    private final LongAdder confirmed = new LongAdder();
    private final LongAdder dead = new LongAdder();
    private final LongAdder reconnects = new LongAdder();

    void produced(int events) {
        produced.add(events);
    }

    void rejected(int events) {
        rejected.add(events);
    }

    void requestSent() {
        produceRequests.increment();
    }

    long produceRequestsCount() {
        return produceRequests.sum();
    }

    void consumedOne() {
        consumed.increment();
    }

    void confirmed(int events) {
        confirmed.add(events);
    }

    void deadOne() {
        dead.increment();
    }

    void reconnected() {
        reconnects.increment();
    }

    long producedCount() {
        return produced.sum();
    }

    long rejectedCount() {
        return rejected.sum();
    }

    long consumedCount() {
        return consumed.sum();
    }

    long confirmedCount() {
        return confirmed.sum();
    }

    long deadCount() {
        return dead.sum();
    }

    long reconnectsCount() {
        return reconnects.sum();
    }
}
