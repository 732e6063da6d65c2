package org.mconnectevents.emulator.broker;

import org.mconnectevents.emulator.event.StoredEvent;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A client-wide queue (test events, or dead events) that any session of the client may take from, whatever
 * its group. An event is in at most one session at a time; it leaves the queue when confirmed and comes back
 * when its session closes unconfirmed. Owned by the context thread.
 */
final class SharedQueue {

    private final TreeMap<Long, StoredEvent> available = new TreeMap<>();
    private final TreeMap<Long, StoredEvent> inFlight = new TreeMap<>();
    private long nextSequence;
    private long confirmed;

    /** Adds an event; returns its sequence in this queue. */
    long add(StoredEvent event) {
        long sequence = nextSequence++;
        available.put(sequence, event);
        return sequence;
    }

    /** What became of the event of that sequence: {@code pending}, {@code in flight} or {@code confirmed}. */
    String status(long sequence) {
        if (available.containsKey(sequence)) {
            return "pending";
        }
        return inFlight.containsKey(sequence) ? "in flight" : "confirmed";
    }

    /** Takes the oldest available event into flight, or returns {@code null}. */
    Map.Entry<Long, StoredEvent> take() {
        Map.Entry<Long, StoredEvent> first = available.pollFirstEntry();
        if (first != null) {
            inFlight.put(first.getKey(), first.getValue());
        }
        return first;
    }

    void confirm(long sequence) {
        if (inFlight.remove(sequence) != null) {
            confirmed++;
        }
    }

    void release(long sequence) {
        StoredEvent event = inFlight.remove(sequence);
        if (event != null) {
            available.put(sequence, event);
        }
    }

    boolean hasAvailable() {
        return !available.isEmpty();
    }

    int availableCount() {
        return available.size();
    }

    int inFlightCount() {
        return inFlight.size();
    }

    long confirmedCount() {
        return confirmed;
    }

    void dropOlderThan(Instant oldest) {
        available.values().removeIf(event -> event.storedAt().isBefore(oldest));
    }

    void clear() {
        available.clear();
        inFlight.clear();
        confirmed = 0;
    }
}
