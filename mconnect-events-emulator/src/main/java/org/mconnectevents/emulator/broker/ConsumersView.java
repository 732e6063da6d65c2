package org.mconnectevents.emulator.broker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * The console's consumers view ({@code GET /emulator/consumers}): per consumer client and group, each partition with
 * its pending, in-flight and confirmed events and whether it is stuck, and the group's sessions. A partition is stuck
 * when it has events in flight and no confirmation moved it on for {@link #STUCK_AFTER}.
 */
final class ConsumersView {

    /** How long a partition may wait for a confirmation, events in flight, before the console calls it stuck. */
    static final Duration STUCK_AFTER = Duration.ofSeconds(5);

    private ConsumersView() {
    }

    static ArrayNode of(ObjectMapper json, Collection<ConsumerClient> clients, int window, Instant now) {
        ArrayNode array = json.createArrayNode();
        for (ConsumerClient client : clients) {
            if (client.config().consumes().isEmpty()) {
                continue;
            }
            ObjectNode node = array.addObject();
            node.put("client", client.name());
            ArrayNode groups = node.putArray("groups");
            client.groups().values().forEach(group -> groups.add(group(json, client, group, window, now)));
            node.set("test", queue(json, client.testEvents));
            node.set("dead", queue(json, client.deadEvents));
        }
        return array;
    }

    private static ObjectNode group(ObjectMapper json, ConsumerClient client, ConsumerGroup group, int window,
                                    Instant now) {
        ObjectNode node = json.createObjectNode();
        node.put("group", group.name());
        ArrayNode partitions = node.putArray("partitions");
        for (int p = 0; p < group.partitions(); p++) {
            partitions.add(partition(json, client, group, p, now));
        }
        ArrayNode sessions = node.putArray("sessions");
        for (Session session : client.sessions()) {
            if (session.groupName().equals(group.name())) {
                sessions.add(session(json, group, session, window));
            }
        }
        return node;
    }

    private static ObjectNode partition(ObjectMapper json, ConsumerClient client, ConsumerGroup group, int p,
                                        Instant now) {
        ConsumerGroup.Cursor cursor = group.cursor(p);
        PartitionLog log = client.log(p);
        ObjectNode node = json.createObjectNode();
        node.put("partition", p);
        node.put("pending", Math.max(0, log.endSequence() - Math.max(cursor.next, log.headSequence())));
        node.put("inFlight", cursor.inFlight());
        node.put("confirmed", cursor.confirmed);
        if (cursor.owner == null) {
            node.putNull("session");
        } else {
            node.put("session", cursor.owner.id());
        }
        boolean waiting = cursor.inFlight() > 0 && cursor.waitingSince != null;
        long waitedSeconds = waiting ? Duration.between(cursor.waitingSince, now).toSeconds() : 0;
        node.put("waitingSeconds", waitedSeconds);
        node.put("stuck", waiting && Duration.between(cursor.waitingSince, now).compareTo(STUCK_AFTER) >= 0);
        return node;
    }

    private static ObjectNode session(ObjectMapper json, ConsumerGroup group, Session session, int window) {
        ObjectNode node = json.createObjectNode();
        node.put("id", session.id());
        node.put("transport", session.transportName());
        node.put("since", session.openedAt().toString());
        node.put("events", session.wantsEvents());
        node.put("test", session.wantsTest());
        node.put("dead", session.wantsDead());
        ArrayNode held = node.putArray("partitions");
        for (int p = 0; p < group.partitions(); p++) {
            if (group.cursor(p).owner == session) {
                held.add(p);
            }
        }
        node.put("inFlight", session.inFlightCount());
        node.put("window", window);
        putInstant(node, "lastConfirmedAt", session.lastConfirmedAt());
        Long confirmed = session.highestConfirmedOffset();
        if (confirmed == null) {
            node.putNull("lastConfirmedOffset");
        } else {
            node.put("lastConfirmedOffset", String.valueOf(confirmed));
        }
        return node;
    }

    private static ObjectNode queue(ObjectMapper json, SharedQueue queue) {
        ObjectNode node = json.createObjectNode();
        node.put("pending", queue.availableCount());
        node.put("inFlight", queue.inFlightCount());
        node.put("confirmed", queue.confirmedCount());
        return node;
    }

    static void putInstant(ObjectNode node, String name, Instant value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, value.toString());
        }
    }
}
