package org.mconnectevents.emulator.broker;

import org.mconnectevents.emulator.event.StoredEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of one partition of one consumer client, in order. Sequence numbers grow forever; the head is
 * trimmed when every group has confirmed it or it is older than the retention. Owned by the context thread.
 */
final class PartitionLog {

    private static final int COMPACT_THRESHOLD = 4096;

    private final List<StoredEvent> entries = new ArrayList<>();
    /** Index in {@link #entries} of the event with sequence {@link #headSequence}. */
    private int headIndex;
    private long headSequence;

    void append(StoredEvent event) {
        entries.add(event);
    }

    /** Sequence of the oldest event still kept. */
    long headSequence() {
        return headSequence;
    }

    /** Sequence the next appended event will get. */
    long endSequence() {
        return headSequence + (entries.size() - headIndex);
    }

    StoredEvent get(long sequence) {
        return entries.get(headIndex + (int) (sequence - headSequence));
    }

    /** Drops every event before {@code sequence} and those stored before {@code oldest}; returns the new head. */
    long trim(long sequence, Instant oldest) {
        long target = Math.min(sequence, endSequence());
        while (headSequence < endSequence() && (headSequence < target || get(headSequence).storedAt().isBefore(oldest))) {
            entries.set(headIndex, null);
            headIndex++;
            headSequence++;
        }
        if (headIndex > COMPACT_THRESHOLD && headIndex > entries.size() / 2) {
            entries.subList(0, headIndex).clear();
            headIndex = 0;
        }
        return headSequence;
    }

    void clear() {
        headSequence = endSequence();
        entries.clear();
        headIndex = 0;
    }
}
