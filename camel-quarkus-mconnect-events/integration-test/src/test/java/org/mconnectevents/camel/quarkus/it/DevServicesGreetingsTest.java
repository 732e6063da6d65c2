package org.mconnectevents.camel.quarkus.it;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.MConnectEventsConstants;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application, which has no MConnect Events configuration at all, produces and consumes through the emulator that
 * the extension's Dev Services started for it.
 */
@QuarkusTest
class DevServicesGreetingsTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Inject
    ProducerTemplate producer;
    @Inject
    ReceivedGreetings receivedGreetings;

    @Test
    void aGreetingSentIsConsumedWithItsTypeAndData() {
        producer.sendBodyAndHeaders(GreetingRoutes.SEND, "{\"greeting\":\"Bună ziua\"}",
                Map.of(MConnectEventsConstants.CLOUD_EVENT_ID, "greeting-1"));

        ReceivedGreetings.Greeting received = await().atMost(BOUND)
                .until(() -> receivedGreetings.find("greeting-1").orElse(null), greeting -> greeting != null);
        assertThat(received).isEqualTo(new ReceivedGreetings.Greeting("EXAMPLE.Greetings.Greeting.Sent", "{\"greeting\":\"Bună ziua\"}"));
    }

    @Test
    void theComponentTalksToTheEmulatorOnThisMachineAsTheApplicationsClient() {
        assertThat(ConfigProvider.getConfig().getValue("camel.component.mconnect-events.base-address", String.class))
                .matches("https://127\\.0\\.0\\.1:\\d+/");
        assertThat(ConfigProvider.getConfig().getValue("camel.component.mconnect-events.key-store", String.class))
                .endsWith("greetings.p12");
    }
}
