package org.mconnectevents.emulator.broker;

import org.mconnectevents.emulator.event.StoredEvent;

/**
 * One event handed to a session under a session offset, not yet confirmed.
 *
 * @param offset    the session's offset for it
 * @param event     the event
 * @param partition the partition it came from, or {@link #TEST} / {@link #DEAD}
 * @param sequence  its position in that partition or queue
 */
public record Delivery(long offset, StoredEvent event, int partition, long sequence) {

    /** Marks a delivery from the client's test-event queue. */
    public static final int TEST = -1;
    /** Marks a delivery from the client's dead-event queue. */
    public static final int DEAD = -2;
}
