package org.mconnectevents.emulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.mconnectevents.emulator.Emulator;

/**
 * Reads the emulator's own view of consumption ({@link Emulator#state()}, the JSON of {@code GET /emulator/state})
 * so that a test can assert what the service recorded, not only what a client saw.
 */
public final class EmulatorState {

    private final Emulator emulator;

    private EmulatorState(Emulator emulator) {
        this.emulator = emulator;
    }

    public static EmulatorState of(Emulator emulator) {
        return new EmulatorState(emulator);
    }

    /** Standard events of the group confirmed so far. */
    public long confirmed(String client, String group) {
        return group(client, group).path("confirmed").asLong();
    }

    /** Standard events of the group delivered to a session and not yet confirmed. */
    public long inFlight(String client, String group) {
        return group(client, group).path("inFlight").asLong();
    }

    /** Standard events of the group not yet delivered. */
    public long pending(String client, String group) {
        return group(client, group).path("pending").asLong();
    }

    /** Open consumer sessions of the client (WebSocket and long polling), all groups together. */
    public int sessions(String client) {
        return emulator.state().at("/clients/" + client + "/sessions").asInt();
    }

    /** Open sessions of the client in one group. */
    public int sessions(String client, String group) {
        return group(client, group).path("sessions").asInt();
    }

    /** The client's test-event ({@code "test"}) or dead-event ({@code "dead"}) queue. */
    public JsonNode queue(String client, String queue) {
        return emulator.state().at("/clients/" + client + "/" + queue);
    }

    private JsonNode group(String client, String group) {
        return emulator.state().path("clients").path(client).path("groups").path(group);
    }
}
