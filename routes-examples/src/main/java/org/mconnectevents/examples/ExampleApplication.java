package org.mconnectevents.examples;

import org.mconnectevents.emulator.Emulator;

/**
 * The example application, run on its embedded defaults: it starts an MConnect Events emulator in this JVM
 * and shows where it listens. The Camel routes (outbox, produce, consume, idempotency, personal-data record,
 * dead letters) come with the component and building-blocks work; until then this is the emulator alone.
 */
public final class ExampleApplication {

    private ExampleApplication() {
    }

    public static void main(String[] args) {
        try (Emulator emulator = Emulator.builder().start()) {
            System.out.println("MConnect Events emulator started in-process (built-in demo configuration)");
            System.out.println("  service base address : " + emulator.baseAddress());
            System.out.println("  WebSocket address    : " + emulator.webSocketAddress());
            System.out.println("  admin address        : " + emulator.adminAddress());
            System.out.println("  client key stores    : " + emulator.certificates().directory());
            System.out.println("  state                : " + emulator.state());
        }
        System.out.println("emulator stopped");
    }
}
