package org.mconnectevents.camel;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The offsets of one session between delivery and confirmation. Events finish in any order (parallelism); the
 * confirmable offset is the highest one below which every event finished, so a cumulative confirmation never
 * passes an event still in flight, or one that failed: a failed event never finishes, and nothing at or after it
 * becomes confirmable. Confined to the session's {@link OwnerLoop} thread: no locks. What the console and the metrics
 * read ({@link #lastDelivered()}, {@link #deliveredEvents()}, {@link #inFlight()}) is written there too, and volatile.
 */
final class OffsetTracker {

    private final ArrayDeque<Entry> unfinished = new ArrayDeque<>();
    private final Map<Long, Entry> byOffset = new HashMap<>();
    private long confirmable = -1;
    private long lastConfirmed = -1;
    private int coveredSinceConfirmed;
    private boolean failed;
    private volatile long lastDelivered = -1;
    private volatile long deliveredEvents;
    private volatile int inFlight;

    /** An offset was delivered; offsets grow within a session. */
    void delivered(long offset) {
        Entry entry = new Entry(offset);
        unfinished.addLast(entry);
        byOffset.put(offset, entry);
        lastDelivered = offset;
        deliveredEvents++; // one writer, the owner thread
        inFlight = byOffset.size();
    }

    /**
     * The event at this offset finished (completed, or reported dead). Answers how many events the next
     * confirmation would cover.
     */
    int finished(long offset) {
        Entry entry = byOffset.remove(offset);
        if (entry != null) {
            entry.finished = true;
            while (!unfinished.isEmpty() && unfinished.peekFirst().finished) {
                confirmable = unfinished.removeFirst().offset;
                coveredSinceConfirmed++;
            }
            inFlight = byOffset.size();
        }
        return coveredSinceConfirmed;
    }

    /**
     * The event at this offset failed: it stays unfinished for good (finishing it later changes nothing), and since
     * offsets are confirmed cumulatively, nothing at or after it is confirmed in this session; what finishes before
     * it still is.
     */
    void failed(long offset) {
        failed = true;
        byOffset.remove(offset);
        inFlight = byOffset.size();
    }

    boolean hasFailed() {
        return failed;
    }

    /** The confirmation to send now, or null when nothing new is confirmable; the caller sends it. */
    Confirmation takeConfirmation() {
        if (confirmable <= lastConfirmed) {
            return null;
        }
        Confirmation confirmation = new Confirmation(confirmable, coveredSinceConfirmed);
        lastConfirmed = confirmable;
        coveredSinceConfirmed = 0;
        return confirmation;
    }

    /** Events delivered and not yet finished (nor failed); read by any thread. */
    int inFlight() {
        return inFlight;
    }

    /** The highest offset delivered, or -1 before the first; read by any thread. */
    long lastDelivered() {
        return lastDelivered;
    }

    /** How many events were delivered; read by any thread. */
    long deliveredEvents() {
        return deliveredEvents;
    }

    /** An offset to send and how many events it confirms. */
    record Confirmation(long offset, int events) {
    }

    private static final class Entry {
        final long offset;
        boolean finished;

        Entry(long offset) {
            this.offset = offset;
        }
    }
}
