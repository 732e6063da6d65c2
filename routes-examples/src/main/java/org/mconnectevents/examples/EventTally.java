package org.mconnectevents.examples;

import io.cloudevents.CloudEvent;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mconnectevents.camel.MConnectEventsConstants;

/**
 * What the consumer saw that leaves no row of its own in the database: the duplicate deliveries it skipped and the
 * dead events it reviewed. Thread-safe (an atomic counter and a concurrent map).
 */
public final class EventTally {

    private final AtomicLong duplicateDeliveries = new AtomicLong();
    private final Map<String, String> deadReviewed = new ConcurrentHashMap<>();

    /** Notes a delivery of an event that was processed before. */
    public void duplicateSkipped() {
        duplicateDeliveries.incrementAndGet();
    }

    /** Notes one of our dead events, with the reason it was reported. */
    public void deadReviewed(CloudEvent dead) {
        Object reason = dead.getExtension(MConnectEventsConstants.DEAD_REASON_ATTRIBUTE);
        deadReviewed.put(dead.getId(), Objects.toString(reason, "(no reason given)"));
    }

    /** How many deliveries were skipped as duplicates. */
    public long duplicateDeliveries() {
        return duplicateDeliveries.get();
    }

    /** The ids of the dead events reviewed, with their reasons. */
    public Map<String, String> deadReviewed() {
        return Map.copyOf(deadReviewed);
    }
}
