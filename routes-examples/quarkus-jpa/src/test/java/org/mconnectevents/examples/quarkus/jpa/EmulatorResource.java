package org.mconnectevents.examples.quarkus.jpa;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.mconnectevents.emulator.Emulator;

import java.nio.file.Path;
import java.util.Map;

/**
 * Starts an MConnect Events emulator before the application, with the example's emulator.yaml on free ports and with
 * certificates minted in a temporary folder, and points the application's component at it as the civil registry's
 * client: the configuration an integrator writes in application.properties, handed over as properties.
 */
public class EmulatorResource implements QuarkusTestResourceLifecycleManager {

    /** The client of emulator.yaml the application plays. */
    static final String CLIENT = "civil-registry";

    private Emulator emulator;

    @Override
    public Map<String, String> start() {
        emulator = Emulator.builder().configFile(Path.of("emulator.yaml")).start();
        return Map.of(
                "camel.component.mconnect-events.base-address", emulator.baseAddress().toString(),
                "camel.component.mconnect-events.key-store", emulator.clientKeyStore(CLIENT).toString(),
                "camel.component.mconnect-events.key-store-password", emulator.keyStorePassword(),
                "camel.component.mconnect-events.trust-store", emulator.trustedCertificate().toString());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(emulator, new TestInjector.AnnotatedAndMatchesType(InjectEmulator.class, Emulator.class));
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }
}
