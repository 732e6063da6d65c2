package org.mconnectevents.camel.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.mconnectevents.emulator.Emulator;

/**
 * What the emulator recorded of the registry client's consumption ({@link Emulator#state()}), so that a test
 * asserts what the service saw and not only what the route saw.
 */
public final class RegistryConsumption {

    private RegistryConsumption() {
    }

    /** The standard events of one consumer group: not yet delivered, delivered and unconfirmed, confirmed; its sessions. */
    public record Group(long pending, long inFlight, long confirmed, long sessions) {
    }

    public static Group group(Emulator emulator, String name) {
        JsonNode group = client(emulator).path("groups").path(name);
        return new Group(group.path("pending").asLong(), group.path("inFlight").asLong(), group.path("confirmed").asLong(),
                group.path("sessions").asLong());
    }

    /** Confirmation messages received (WebSocket {@code confirm:} messages and long-polling confirm requests). */
    public static long confirmMessages(Emulator emulator) {
        return client(emulator).path("confirmMessages").asLong();
    }

    /** Consumer sessions open, WebSocket and long polling, every group. */
    public static long sessions(Emulator emulator) {
        return client(emulator).path("sessions").asLong();
    }

    /** The dead-event queue: pending, inFlight, confirmed, and reported (every event ever reported dead). */
    public static JsonNode dead(Emulator emulator) {
        return client(emulator).path("dead");
    }

    private static JsonNode client(Emulator emulator) {
        return emulator.state().path("clients").path(EmulatorClients.REGISTRY);
    }
}
