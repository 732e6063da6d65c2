package org.mconnectevents.camel.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with no MConnect Events configuration, in test mode: Dev Services start an emulator whose one client
 * named after the application produces and consumes the type its routes name, from the source a property gives, and the component is pointed at
 * that emulator with the client's key store and the emulator's CA; its admin API's address is given too.
 */
class DevServicesInferredClientTest {

    @RegisterExtension
    static final QuarkusUnitTest APPLICATION = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(GreetingRoutes.class, CapturedBuildItems.class))
            .overrideConfigKey("greetings.source", "urn:test:greetings")
            .overrideConfigKey("quarkus.application.name", "greetings")
            .addBuildChainCustomizer(CapturedBuildItems.recorder());

    @Test
    void oneEmulatorIsPlannedWithTheTypeTheRoutesProduceFromTheSourceThePropertyGives() {
        assertThat(CapturedBuildItems.get(CapturedBuildItems.DEV_SERVICES)).singleElement().asString()
                .startsWith("camel-mconnect-events ")
                .contains("name=greetings")
                .contains("produces=[ProducedType[type=TEST.Greetings.Greeting.Sent, sources=[urn:test:greetings]")
                .contains("consumes=[TEST.Greetings.Greeting.Sent]");
    }

    @Test
    void theComponentIsPointedAtTheEmulatorWithTheClientsKeyStoreAndTheEmulatorsCa() {
        assertThat(config("camel.component.mconnect-events.base-address")).matches("https://127\\.0\\.0\\.1:\\d+/");
        assertThat(Path.of(config("camel.component.mconnect-events.key-store"))).isRegularFile()
                .hasFileName("greetings.p12");
        assertThat(config("camel.component.mconnect-events.key-store-password")).isNotBlank();
        assertThat(Files.isRegularFile(Path.of(config("camel.component.mconnect-events.trust-store")))).isTrue();
        assertThat(config("mconnect-events.devservices.admin-address")).matches("http://127\\.0\\.0\\.1:\\d+/");
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }
}
