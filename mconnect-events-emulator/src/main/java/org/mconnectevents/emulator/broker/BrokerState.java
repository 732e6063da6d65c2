package org.mconnectevents.emulator.broker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;

/** The inspection view of the broker ({@code GET /emulator/state}). */
final class BrokerState {

    private BrokerState() {
    }

    static ObjectNode of(ObjectMapper json, long produced, Collection<ConsumerClient> clients,
                         PersonalDataLog personalData) {
        ObjectNode state = json.createObjectNode();
        state.put("produced", produced);
        ObjectNode byClient = state.putObject("clients");
        for (ConsumerClient client : clients) {
            ObjectNode node = byClient.putObject(client.name());
            node.put("stored", client.stored);
            node.put("injected", client.injected);
            node.put("delivered", client.delivered);
            node.put("sessions", client.sessions().size());
            node.put("confirmMessages", client.confirmMessages);
            node.put("confirmMessagesDropped", client.confirmMessagesDropped);
            node.put("confirmMessagesBelowPrevious", client.confirmMessagesBelowPrevious);
            node.put("personalDataLog", personalData.count(client.name()));
            ObjectNode groups = node.putObject("groups");
            client.groups().forEach((name, group) -> groups.set(name, group(json, client, group)));
            node.set("test", queue(json, client.testEvents));
            ObjectNode dead = queue(json, client.deadEvents);
            dead.put("reported", client.deadReported.size());
            node.set("dead", dead);
        }
        return state;
    }

    private static ObjectNode group(ObjectMapper json, ConsumerClient client, ConsumerGroup group) {
        long pending = 0;
        long inFlight = 0;
        for (int p = 0; p < group.partitions(); p++) {
            ConsumerGroup.Cursor cursor = group.cursor(p);
            long end = client.log(p).endSequence();
            pending += end - Math.max(cursor.next, client.log(p).headSequence());
            inFlight += cursor.inFlight();
        }
        ObjectNode node = json.createObjectNode();
        node.put("pending", pending);
        node.put("inFlight", inFlight);
        node.put("confirmed", group.confirmedCount());
        node.put("sessions", group.sessions().size());
        return node;
    }

    private static ObjectNode queue(ObjectMapper json, SharedQueue queue) {
        ObjectNode node = json.createObjectNode();
        node.put("pending", queue.availableCount());
        node.put("inFlight", queue.inFlightCount());
        node.put("confirmed", queue.confirmedCount());
        return node;
    }
}
