package org.mconnectevents.emulator.broker;

import org.mconnectevents.emulator.config.ClientConfig;
import org.mconnectevents.emulator.event.StoredEvent;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the service keeps for one client as a consumer: its partitioned standard events shared by all its
 * groups, its test events and dead events (client-wide queues), and its open sessions. Owned by the context
 * thread.
 */
final class ConsumerClient {

    static final int TEST_EVENTS_KEPT = 1000;

    /** An event of the test or dead queue, under its sequence in that queue. */
    record QueuedEvent(long sequence, StoredEvent event) {
    }

    private final ClientConfig config;
    private final PartitionLog[] logs;
    private final Map<String, ConsumerGroup> groups = new LinkedHashMap<>();
    private final Set<Session> sessions = new LinkedHashSet<>();
    final SharedQueue testEvents = new SharedQueue();
    final SharedQueue deadEvents = new SharedQueue();
    /** Every dead event reported, for inspection; trimmed by the retention. */
    final List<QueuedEvent> deadReported = new ArrayList<>();
    /** The last {@link #TEST_EVENTS_KEPT} test events stored, for the console; trimmed by the retention. */
    final ArrayDeque<QueuedEvent> testStored = new ArrayDeque<>();
    /** The last events of each partition with their deliveries, for the console. */
    final EventHistory history;
    private int roundRobin;
    long stored;
    /** Frames injected by tests (admin API or poison fault), not counted in {@link #stored}. */
    long injected;
    long delivered;
    long confirmMessages;
    long confirmMessagesDropped;
    /** Confirmations whose offset was lower than an earlier confirmation of their session (harmless, but a client bug). */
    long confirmMessagesBelowPrevious;

    ConsumerClient(ClientConfig config, int partitions) {
        this.config = config;
        this.logs = new PartitionLog[partitions];
        for (int p = 0; p < partitions; p++) {
            logs[p] = new PartitionLog();
        }
        this.history = new EventHistory(partitions);
    }

    String name() {
        return config.name();
    }

    ClientConfig config() {
        return config;
    }

    Map<String, ConsumerGroup> groups() {
        return groups;
    }

    Set<Session> sessions() {
        return sessions;
    }

    PartitionLog log(int partition) {
        return logs[partition];
    }

    ConsumerGroup group(String name) {
        return groups.computeIfAbsent(name, n -> new ConsumerGroup(n, logs));
    }

    /** Stores a standard event in its partition: by partition key, round robin without one. */
    void store(StoredEvent event) {
        append(event);
        stored++;
    }

    /** Stores an injected frame as a standard event is stored; returns its partition. */
    int inject(StoredEvent frame) {
        injected++;
        return append(frame);
    }

    private int append(StoredEvent event) {
        String key = event.partitionKey();
        int partition = key == null ? Math.floorMod(roundRobin++, logs.length) : Math.floorMod(key.hashCode(), logs.length);
        history.stored(partition, logs[partition].endSequence(), event);
        logs[partition].append(event);
        return partition;
    }

    /** Stores a test event for this client as consumer. */
    void storeTest(StoredEvent event) {
        testStored.addLast(new QueuedEvent(testEvents.add(event), event));
        if (testStored.size() > TEST_EVENTS_KEPT) {
            testStored.removeFirst();
        }
    }

    /** Stores an event this client reported dead. */
    void storeDead(StoredEvent event) {
        deadReported.add(new QueuedEvent(deadEvents.add(event), event));
    }

    /** Up to {@code max} events for the session: its test and dead events first, then its partitions. */
    List<Delivery> take(Session session, int max, Instant now) {
        List<Delivery> taken = new ArrayList<>(Math.min(max, 256));
        if (session.wantsTest()) {
            takeShared(session, testEvents, Delivery.TEST, max, taken);
        }
        if (session.wantsDead()) {
            takeShared(session, deadEvents, Delivery.DEAD, max, taken);
        }
        if (session.wantsEvents()) {
            takeStandard(session, max, taken, now);
        }
        delivered += taken.size();
        return taken;
    }

    private void takeStandard(Session session, int max, List<Delivery> taken, Instant now) {
        ConsumerGroup group = session.group();
        int start = session.nextRotation();
        for (int k = 0; k < logs.length && taken.size() < max; k++) {
            int p = Math.floorMod(start + k, logs.length);
            ConsumerGroup.Cursor cursor = group.cursor(p);
            if (cursor.owner != session || cursor.pendingOwner != null) {
                continue;
            }
            PartitionLog log = logs[p];
            group.skipTo(p, log.headSequence());
            if (cursor.inFlight() == 0 && cursor.next < log.endSequence()) {
                cursor.waitingSince = now;
            }
            while (taken.size() < max && cursor.next < log.endSequence()) {
                Delivery delivery = new Delivery(session.takeOffset(), log.get(cursor.next), p, cursor.next);
                taken.add(delivery);
                history.delivered(delivery, session, now);
                cursor.next++;
            }
        }
    }

    private static void takeShared(Session session, SharedQueue queue, int kind, int max, List<Delivery> taken) {
        while (taken.size() < max) {
            Map.Entry<Long, StoredEvent> next = queue.take();
            if (next == null) {
                return;
            }
            taken.add(new Delivery(session.takeOffset(), next.getValue(), kind, next.getKey()));
        }
    }


    /** Drops events past the retention, and standard events every group has confirmed. */
    void trim(Instant oldest) {
        for (int p = 0; p < logs.length; p++) {
            long confirmedByAll = groups.isEmpty() ? logs[p].headSequence() : Long.MAX_VALUE;
            for (ConsumerGroup group : groups.values()) {
                confirmedByAll = Math.min(confirmedByAll, group.cursor(p).committed);
            }
            long head = logs[p].trim(confirmedByAll, oldest);
            for (ConsumerGroup group : groups.values()) {
                group.skipTo(p, head);
            }
        }
        testEvents.dropOlderThan(oldest);
        deadEvents.dropOlderThan(oldest);
        deadReported.removeIf(dead -> dead.event().storedAt().isBefore(oldest));
        testStored.removeIf(test -> test.event().storedAt().isBefore(oldest));
        history.dropOlderThan(oldest);
    }

    /** Forgets every event (sessions stay open). */
    void clear() {
        for (PartitionLog log : logs) {
            log.clear();
        }
        for (ConsumerGroup group : groups.values()) {
            group.clear(logs);
        }
        testEvents.clear();
        deadEvents.clear();
        deadReported.clear();
        testStored.clear();
        history.clear();
        stored = 0;
        injected = 0;
        delivered = 0;
        confirmMessages = 0;
        confirmMessagesDropped = 0;
        confirmMessagesBelowPrevious = 0;
    }
}
