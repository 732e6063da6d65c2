package org.mconnectevents.emulator.broker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mconnectevents.emulator.event.StoredEvent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The console's events views: the stored standard events a search selects ({@code GET /emulator/events}), one event
 * with its delivery history, and a client's test and dead events with what became of them. Event data is answered
 * here, to the developer on their machine; nothing of it is logged.
 */
final class EventsView {

    private EventsView() {
    }

    static ArrayNode search(ObjectMapper json, Collection<ConsumerClient> clients, EventQuery query) {
        record Found(ConsumerClient client, EventHistory.Entry entry) {
        }
        List<Found> found = new ArrayList<>();
        for (ConsumerClient client : clients) {
            if (query.client() != null && !query.client().equals(client.name())) {
                continue;
            }
            for (EventHistory.Entry entry : client.history.entries()) {
                StoredEvent event = entry.event();
                if (query.matches(event.type(), event.source(), event.id(), event.partitionKey(), event.storedAt())) {
                    found.add(new Found(client, entry));
                }
            }
        }
        found.sort(Comparator.comparing((Found f) -> f.entry().event().storedAt()).reversed()
                .thenComparing(f -> f.entry().partition())
                .thenComparing(f -> -f.entry().sequence()));
        ArrayNode array = json.createArrayNode();
        found.stream().limit(query.limit()).forEach(f -> array.add(row(json, f.client(), f.entry(), query.group())));
        return array;
    }

    /** One event with its JSON and deliveries, or {@code null} when the console no longer keeps it. */
    static ObjectNode event(ObjectMapper json, ConsumerClient client, int partition, long sequence) {
        EventHistory.Entry entry = client.history.entry(partition, sequence);
        if (entry == null) {
            return null;
        }
        ObjectNode node = row(json, client, entry, null);
        StoredEvent event = entry.event();
        if (event.isJsonObject()) {
            node.set("event", event.toJson());
        } else {
            node.put("frame", event.toJsonWithOffset(0)); // a frame that is not an object is sent, and shown, as is
        }
        ArrayNode deliveries = node.putArray("deliveries");
        for (EventHistory.DeliveryRecord record : entry.deliveries()) {
            ObjectNode delivery = deliveries.addObject();
            delivery.put("session", record.session);
            delivery.put("group", record.group);
            delivery.put("transport", record.transport);
            delivery.put("offset", String.valueOf(record.offset));
            delivery.put("deliveredAt", record.deliveredAt.toString());
            ConsumersView.putInstant(delivery, "confirmedAt", record.confirmedAt);
            delivery.put("outcome", record.confirmedAt != null ? "confirmed"
                    : record.returned ? "session closed unconfirmed" : "in flight");
        }
        return node;
    }

    private static ObjectNode row(ObjectMapper json, ConsumerClient client, EventHistory.Entry entry, String onlyGroup) {
        StoredEvent event = entry.event();
        ObjectNode node = json.createObjectNode();
        node.put("client", client.name());
        node.put("partition", entry.partition());
        node.put("sequence", entry.sequence());
        node.put("id", event.id());
        node.put("source", event.source());
        node.put("type", event.type());
        node.put("subject", event.attribute("subject"));
        node.put("partitionkey", event.partitionKey());
        node.put("time", event.attribute("time"));
        node.put("storedAt", event.storedAt().toString());
        node.put("size", event.size());
        node.put("injected", event.injected());
        node.put("deliveries", entry.deliveries().size());
        ObjectNode groups = node.putObject("groups");
        client.groups().forEach((name, group) -> {
            if (onlyGroup == null || onlyGroup.isEmpty() || onlyGroup.equals(name)) {
                groups.set(name, groupStatus(json, group, entry));
            }
        });
        return node;
    }

    private static ObjectNode groupStatus(ObjectMapper json, ConsumerGroup group, EventHistory.Entry entry) {
        ConsumerGroup.Cursor cursor = group.cursor(entry.partition());
        long deliveries = entry.deliveries().stream().filter(d -> d.group.equals(group.name())).count();
        ObjectNode node = json.createObjectNode();
        node.put("status", entry.sequence() < cursor.committed ? "confirmed"
                : entry.sequence() < cursor.next ? "in flight" : "pending");
        node.put("deliveries", deliveries);
        node.put("redeliveries", Math.max(0, deliveries - 1));
        return node;
    }

    /** A client's test or dead events (newest last), each with its status in the client-wide queue. */
    static ArrayNode queued(ObjectMapper json, Iterable<ConsumerClient.QueuedEvent> events, SharedQueue queue) {
        ArrayNode array = json.createArrayNode();
        for (ConsumerClient.QueuedEvent queued : events) {
            StoredEvent event = queued.event();
            ObjectNode node = array.addObject();
            node.put("id", event.id());
            node.put("source", event.source());
            node.put("type", event.type());
            node.put("storedAt", event.storedAt().toString());
            node.put("status", queue.status(queued.sequence()));
            node.put("deadreason", event.attribute("deadreason"));
            node.set("event", event.toJson());
        }
        return array;
    }
}
