package org.mconnectevents.emulator;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.ConsoleBrowser;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console of an emulator on the built-in demo configuration (what {@code java -jar mconnect-events-emulator.jar}
 * runs): the overview lists the demo's clients with their roles, and every read-only view loads, through the
 * navigation bar, without an error in the browser's log.
 */
class ConsoleDemoConfigurationTest {

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = new MConnectEventsEmulatorExtension();

    private static ConditionFactory seen() {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions();
    }

    @Test
    void overviewListsTheDemoClientsAndEveryReadOnlyViewLoadsWithoutErrors(Emulator emulator) {
        try (ConsoleBrowser browser = ConsoleBrowser.start(emulator)) {
            browser.open("overview");

            seen().untilAsserted(() -> {
                assertThat(browser.text("#live")).isEqualTo("live");
                assertThat(browser.text("#clients tr[data-client='demo-producer']"))
                        .contains("ASP.RST.VP.Invalidated (urn:asp)", "MS.eCMND.Person.Born (urn:ms:ecmnd)");
                assertThat(browser.text("#clients tr[data-client='demo-consumer']"))
                        .contains("ASP.RST.VP.Invalidated, MS.eCMND.Person.Born");
            });
            browser.navigate("consumers");
            seen().untilAsserted(() -> assertThat(browser.text("#consumers .client-block h2")).isEqualTo("demo-consumer"));
            browser.navigate("events");
            seen().untilAsserted(() -> assertThat(browser.find("#view-events").isDisplayed()).isTrue());
            browser.navigate("dead");
            seen().untilAsserted(() -> assertThat(browser.text("#queue-client")).isEqualTo("demo-consumer"));
            browser.navigate("personal-data");
            seen().untilAsserted(() -> assertThat(browser.find("#pd-log").isDisplayed()).isTrue());
            browser.navigate("overview");
            seen().untilAsserted(() -> assertThat(browser.text("#uptime")).isNotEqualTo("–"));

            browser.assertNoErrors();
        }
    }
}
