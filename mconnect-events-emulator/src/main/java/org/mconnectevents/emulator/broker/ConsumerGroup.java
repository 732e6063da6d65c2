package org.mconnectevents.emulator.broker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The delivery state of one group of one consumer client: per partition, how far it is confirmed, how far
 * delivered, and which session owns it. Sessions of the group share the partitions; when one joins or leaves
 * they are reassigned, and a partition with events still in flight moves only once those are confirmed, so
 * that an event is never in two sessions at once. Owned by the context thread.
 */
final class ConsumerGroup {

    /** Per-partition position of the group. */
    static final class Cursor {
        /** Every event before this sequence is confirmed. */
        long committed;
        /** The next sequence to deliver; {@code next - committed} events are in flight at the owner. */
        long next;
        Session owner;
        /** The session that takes over once the owner's in-flight events of this partition are confirmed. */
        Session pendingOwner;
        /** Events of this partition the group confirmed. */
        long confirmed;
        /**
         * Since when the partition has waited for a confirmation: set when events go out with none in flight, and
         * again whenever a confirmation moves it on; meaningful only while events are in flight.
         */
        Instant waitingSince;

        long inFlight() {
            return next - committed;
        }
    }

    private final String name;
    private final Cursor[] cursors;
    private final List<Session> sessions = new ArrayList<>();
    private long confirmed;

    ConsumerGroup(String name, PartitionLog[] logs) {
        this.name = name;
        this.cursors = new Cursor[logs.length];
        for (int p = 0; p < logs.length; p++) {
            cursors[p] = new Cursor();
            cursors[p].committed = logs[p].headSequence();
            cursors[p].next = logs[p].headSequence();
        }
    }

    String name() {
        return name;
    }

    Cursor cursor(int partition) {
        return cursors[partition];
    }

    int partitions() {
        return cursors.length;
    }

    List<Session> sessions() {
        return sessions;
    }

    long confirmedCount() {
        return confirmed;
    }

    /** Adds a session and reassigns partitions; returns the sessions that may now receive more. */
    Set<Session> join(Session session) {
        sessions.add(session);
        return rebalance();
    }

    /** Removes a session: its unconfirmed events go back to be delivered again; partitions are reassigned. */
    Set<Session> leave(Session session) {
        sessions.remove(session);
        for (Cursor cursor : cursors) {
            if (cursor.owner == session) {
                cursor.next = cursor.committed;
                cursor.owner = null;
            }
            if (cursor.pendingOwner == session) {
                cursor.pendingOwner = null;
            }
        }
        return rebalance();
    }

    /** Records a confirmed delivery; returns a session that took a partition over because of it, or null. */
    Session confirmed(Delivery delivery, Instant now) {
        Cursor cursor = cursors[delivery.partition()];
        cursor.committed = Math.max(cursor.committed, delivery.sequence() + 1);
        cursor.confirmed++;
        cursor.waitingSince = now;
        confirmed++;
        if (cursor.pendingOwner != null && cursor.inFlight() == 0) {
            cursor.owner = cursor.pendingOwner;
            cursor.pendingOwner = null;
            return cursor.owner;
        }
        return null;
    }

    /** Moves positions past events the log no longer keeps. */
    void skipTo(int partition, long headSequence) {
        Cursor cursor = cursors[partition];
        cursor.committed = Math.max(cursor.committed, headSequence);
        cursor.next = Math.max(cursor.next, headSequence);
    }

    /** Forgets the group's position and counts: after a reset it starts at the end of the emptied logs. */
    void clear(PartitionLog[] logs) {
        confirmed = 0;
        for (int p = 0; p < cursors.length; p++) {
            cursors[p].committed = logs[p].endSequence();
            cursors[p].next = logs[p].endSequence();
            cursors[p].confirmed = 0;
        }
    }

    /** Partition p goes to session number {@code p * n / partitions}: contiguous, even shares. */
    private Set<Session> rebalance() {
        Set<Session> changed = new LinkedHashSet<>();
        int n = sessions.size();
        for (int p = 0; p < cursors.length; p++) {
            Session target = n == 0 ? null : sessions.get(p * n / cursors.length);
            Cursor cursor = cursors[p];
            if (cursor.owner == target) {
                cursor.pendingOwner = null;
            } else if (cursor.owner == null || cursor.inFlight() == 0) {
                cursor.owner = target;
                cursor.pendingOwner = null;
            } else {
                cursor.pendingOwner = target;
            }
            if (cursor.owner != null) {
                changed.add(cursor.owner);
            }
        }
        return changed;
    }
}
