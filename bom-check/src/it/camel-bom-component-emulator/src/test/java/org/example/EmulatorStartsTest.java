package org.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mconnectevents.emulator.Emulator;

/**
 * The emulator reads its built-in YAML configuration at start: with an older jackson-core than its Jackson YAML
 * module on the class path, that fails with NoSuchMethodError before anything is served.
 */
class EmulatorStartsTest {

    @Test
    void theEmulatorStartsOnTheApplicationsClassPath() {
        try (Emulator emulator = Emulator.builder().start()) {
            assertEquals("https", emulator.baseAddress().getScheme());
            assertTrue(emulator.port() > 0, "listening on a port");
        }
    }
}
