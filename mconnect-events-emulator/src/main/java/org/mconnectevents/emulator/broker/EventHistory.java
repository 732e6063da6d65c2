package org.mconnectevents.emulator.broker;

import org.mconnectevents.emulator.event.StoredEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the console shows of one client's standard events: the last {@link #PER_PARTITION} events stored in each
 * partition, kept after the partition log forgot them (every group confirmed them), each with its deliveries.
 * Sequences of a partition are contiguous, so an event is found by its sequence in a ring, without a map.
 * Owned by the context thread.
 */
final class EventHistory {

    /** Events kept per partition: 500 of each of the 12 partitions, 6,000 per client. */
    static final int PER_PARTITION = 500;

    /** One delivery of an event to a session; {@code confirmedAt} and {@code returned} change afterwards. */
    static final class DeliveryRecord {
        final long session;
        final String group;
        final String transport;
        final long offset;
        final Instant deliveredAt;
        Instant confirmedAt;
        /** The session closed before confirming it: the event goes out again. */
        boolean returned;

        private DeliveryRecord(Session session, long offset, Instant deliveredAt) {
            this.session = session.id();
            this.group = session.groupName();
            this.transport = session.transportName();
            this.offset = offset;
            this.deliveredAt = deliveredAt;
        }
    }

    /** One stored event and its deliveries, oldest first. */
    record Entry(int partition, long sequence, StoredEvent event, List<DeliveryRecord> deliveries) {
    }

    private final Entry[][] rings;
    /** Per partition, the sequence the next stored event gets. */
    private final long[] end;

    EventHistory(int partitions) {
        rings = new Entry[partitions][PER_PARTITION];
        end = new long[partitions];
    }

    void stored(int partition, long sequence, StoredEvent event) {
        rings[partition][slot(sequence)] = new Entry(partition, sequence, event, new ArrayList<>(1));
        end[partition] = sequence + 1;
    }

    void delivered(Delivery delivery, Session session, Instant now) {
        Entry entry = entry(delivery.partition(), delivery.sequence());
        if (entry != null) {
            entry.deliveries().add(new DeliveryRecord(session, delivery.offset(), now));
        }
    }

    void confirmed(Delivery delivery, Session session, Instant now) {
        DeliveryRecord record = record(delivery, session);
        if (record != null) {
            record.confirmedAt = now;
        }
    }

    /** The session closed with the delivery unconfirmed. */
    void returned(Delivery delivery, Session session) {
        DeliveryRecord record = record(delivery, session);
        if (record != null) {
            record.returned = true;
        }
    }

    /** The entry of that sequence in that partition, or {@code null} when no longer (or never) kept. */
    Entry entry(int partition, long sequence) {
        if (partition < 0 || partition >= rings.length) {
            return null;
        }
        Entry entry = rings[partition][slot(sequence)];
        return entry != null && entry.sequence() == sequence ? entry : null;
    }

    /** Every kept entry, partition by partition, oldest first within a partition. */
    List<Entry> entries() {
        List<Entry> all = new ArrayList<>();
        for (int p = 0; p < rings.length; p++) {
            for (long sequence = Math.max(0, end[p] - PER_PARTITION); sequence < end[p]; sequence++) {
                Entry entry = entry(p, sequence);
                if (entry != null) {
                    all.add(entry);
                }
            }
        }
        return all;
    }

    /** Forgets entries stored before {@code oldest} (the retention). */
    void dropOlderThan(Instant oldest) {
        for (Entry[] ring : rings) {
            for (int i = 0; i < ring.length; i++) {
                if (ring[i] != null && ring[i].event().storedAt().isBefore(oldest)) {
                    ring[i] = null;
                }
            }
        }
    }

    void clear() {
        for (Entry[] ring : rings) {
            Arrays.fill(ring, null);
        }
    }

    private DeliveryRecord record(Delivery delivery, Session session) {
        Entry entry = entry(delivery.partition(), delivery.sequence());
        if (entry == null) {
            return null;
        }
        for (int i = entry.deliveries().size() - 1; i >= 0; i--) {
            DeliveryRecord record = entry.deliveries().get(i);
            if (record.session == session.id() && record.offset == delivery.offset()) {
                return record;
            }
        }
        return null;
    }

    private static int slot(long sequence) {
        return (int) Math.floorMod(sequence, (long) PER_PARTITION);
    }
}
