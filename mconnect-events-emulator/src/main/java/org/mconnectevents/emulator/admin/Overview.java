package org.mconnectevents.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mconnectevents.emulator.broker.Broker;
import org.mconnectevents.emulator.config.ClientConfig;
import org.mconnectevents.emulator.config.EmulatorConfig;
import org.mconnectevents.emulator.config.Faults;
import org.mconnectevents.emulator.server.FaultInjector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * The console's overview ({@code GET /emulator/overview}, and every message of {@code /emulator/stream}): uptime,
 * totals, produced and delivered per second, the clients with their roles and counts, and the faults in force.
 * No event data: counts, names, types and sources only.
 */
final class Overview {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode NO_FAULTS = read(FaultsJson.write(Faults.NONE));

    private final Broker broker;
    private final FaultInjector faults;
    private final EmulatorConfig config;
    private final Clock clock;
    private final Instant startedAt;

    Overview(Broker broker, FaultInjector faults, EmulatorConfig config, Clock clock) {
        this.broker = broker;
        this.faults = faults;
        this.config = config;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    ObjectNode toJson() {
        Instant now = clock.instant();
        ObjectNode state = broker.state();
        ObjectNode node = JSON.createObjectNode();
        node.put("now", now.toString());
        node.put("startedAt", startedAt.toString());
        node.put("uptimeSeconds", Duration.between(startedAt, now).toSeconds());
        node.put("produced", state.path("produced").asLong());
        long delivered = 0;
        long sessions = 0;
        for (JsonNode client : state.path("clients")) {
            delivered += client.path("delivered").asLong();
            sessions += client.path("sessions").asLong();
        }
        node.put("delivered", delivered);
        node.put("sessions", sessions);
        node.set("throughput", broker.throughput());
        ArrayNode clients = node.putArray("clients");
        for (ClientConfig client : config.clients()) {
            clients.add(client(client, state.path("clients").path(client.name())));
        }
        JsonNode current = read(FaultsJson.write(faults.current()));
        node.set("faults", current);
        ArrayNode active = node.putArray("activeFaults");
        for (Iterator<Map.Entry<String, JsonNode>> fields = current.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().equals(NO_FAULTS.get(field.getKey()))) {
                active.add(field.getKey());
            }
        }
        return node;
    }

    private static ObjectNode client(ClientConfig client, JsonNode counts) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", client.name());
        node.put("idno", client.idno());
        ArrayNode produces = node.putArray("produces");
        client.produces().forEach(type -> {
            ObjectNode produced = produces.addObject().put("type", type.type());
            type.sources().forEach(produced.putArray("sources")::add);
        });
        client.consumes().forEach(node.putArray("consumes")::add);
        client.personalData().keySet().stream().sorted().forEach(node.putArray("personalDataTypes")::add);
        node.set("counts", counts.isMissingNode() ? JSON.createObjectNode() : counts);
        return node;
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the faults' own JSON is always readable", e);
        }
    }
}
