package org.mconnectevents.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mconnectevents.emulator.Emulator;

/**
 * With {@code mconnect.base-address} and a client key store configured, the application talks to that service and
 * starts no emulator of its own. The service here is an emulator this test runs, standing for staging.
 */
class ConfiguredServiceTest {

    @Test
    void theScenarioRunsAgainstTheConfiguredServiceAndItsDeadEventReachesThatService() throws Exception {
        try (Emulator staging = Emulator.builder().configFile(Path.of("src/main/resources/example-emulator.yaml")).start()) {
            Map<String, String> settings = ExampleApplicationTest.settings("yaml");
            settings.putAll(Map.of(
                    "mconnect.base-address", staging.baseAddress().toString(),
                    "mconnect.key-store", staging.clientKeyStore("shop").toString(),
                    "mconnect.key-store-password", staging.keyStorePassword(),
                    "mconnect.trust-store", staging.trustedCertificate().toString()));

            ScenarioReport report = ExampleApplication.run(settings);

            assertThat(report.succeeded()).as(report.toString()).isTrue();
            assertThat(staging.deadEvents("shop")).singleElement()
                    .satisfies(dead -> assertThat(dead.path("id").asText()).isEqualTo(report.deadReported().keySet().iterator().next()));
            assertThat(staging.personalDataLog("shop")).as("the service's own record of the deliveries").isNotEmpty();
        }
    }
}
