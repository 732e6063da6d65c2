package org.mconnectevents.camel;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The offsets of one session between delivery and confirmation. Events finish in any order (parallelism); the
 * confirmable offset is the highest one below which every event finished, so a cumulative confirmation never
 * passes an event still in flight, or one that failed (a failed event never finishes). Guarded by its monitor.
 */
final class OffsetTracker {

    private final ArrayDeque<Entry> unfinished = new ArrayDeque<>();
    private final Map<Long, Entry> byOffset = new HashMap<>();
    private long confirmable = -1;
    private long lastConfirmed = -1;
    private int coveredSinceConfirmed;
    private boolean failed;

    /** An offset was delivered; offsets grow within a session. */
    synchronized void delivered(long offset) {
        Entry entry = new Entry(offset);
        unfinished.addLast(entry);
        byOffset.put(offset, entry);
    }

    /**
     * The event at this offset finished (completed, or reported dead). Answers how many events the next
     * confirmation would cover.
     */
    synchronized int finished(long offset) {
        Entry entry = byOffset.remove(offset);
        if (entry != null) {
            entry.finished = true;
            while (!unfinished.isEmpty() && unfinished.peekFirst().finished) {
                confirmable = unfinished.removeFirst().offset;
                coveredSinceConfirmed++;
            }
        }
        return coveredSinceConfirmed;
    }

    /** The event at this offset failed for a technical reason: nothing at or after it is confirmed in this session. */
    synchronized void failed(long offset) {
        failed = true;
    }

    synchronized boolean hasFailed() {
        return failed;
    }

    /** The confirmation to send now, or null when nothing new is confirmable; the caller sends it. */
    synchronized Confirmation takeConfirmation() {
        if (confirmable <= lastConfirmed) {
            return null;
        }
        Confirmation confirmation = new Confirmation(confirmable, coveredSinceConfirmed);
        lastConfirmed = confirmable;
        coveredSinceConfirmed = 0;
        return confirmation;
    }

    /** Events delivered and not yet finished. */
    synchronized int inFlight() {
        return byOffset.size();
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
