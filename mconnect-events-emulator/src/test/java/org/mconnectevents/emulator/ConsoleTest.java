package org.mconnectevents.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.AdminClient;
import org.mconnectevents.emulator.support.ConfirmingConsumer;
import org.mconnectevents.emulator.support.ConsoleBrowser;
import org.mconnectevents.emulator.support.EventProducer;
import org.mconnectevents.emulator.support.RecordingWebSocket;
import org.mconnectevents.emulator.support.TestClient;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.emulator.support.Soon.soon;

/**
 * The web console as a person sees it in Chromium: events produced and consumed through the service show up in the
 * overview, the consumers view (a partition stuck once its consumer stops confirming), the events view (an event's
 * JSON and delivery history), the dead and test events, the personal-data log; a fault switched on from the page
 * takes effect on the service. A screenshot of each view goes to {@code target/console-screenshots/}.
 */
class ConsoleTest {

    private static final String ORDER = "Test.Orders.Order.Placed";
    private static final String BORN = "MS.eCMND.Person.Born";

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml("""
            clients:
              - name: registry
                idno: "1003600000001"
                produces:
                  - type: %1$s
                    sources: [ "urn:test:orders" ]
                  - type: %2$s
                    sources: [ "urn:ms:ecmnd" ]
              - name: allowances
                idno: "1003600000002"
                consumes: [ %1$s, %2$s ]
                personalData:
                  %2$s: { subject: "$.ChildIDNP", legalBasis: "Law 133/2011", legalReason: "$.EventReason" }
            """.formatted(ORDER, BORN));

    private static Emulator emulator;
    private static EventProducer orders;
    private static EventProducer births;
    private static TestClient consumer;
    private static AdminClient admin;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start(Emulator running) {
        emulator = running;
        orders = EventProducer.of(emulator, "registry", ORDER, "urn:test:orders");
        births = EventProducer.of(emulator, "registry", BORN, "urn:ms:ecmnd");
        consumer = TestClient.of(emulator, "allowances");
        admin = new AdminClient(emulator);
        browser = ConsoleBrowser.start(emulator);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void startFromNothing() {
        emulator.reset();
        browser.errors(); // forgets what earlier tests left in the log
    }

    /** What the page shows: live updates come every second, and the page may be rendering when it is read. */
    private static ConditionFactory seen() {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions();
    }

    @Test
    void overviewShowsTheTotalsAndTheClientsWithTheirRolesAndFollowsWithoutReloading() {
        browser.open("overview");
        seen().untilAsserted(() -> assertThat(browser.text("#total-produced")).isEqualTo("0"));

        try (ConfirmingConsumer running = ConfirmingConsumer.start(emulator, consumer, "")) {
            orders.produce(EventProducer.ids("order", 5));
            soon().until(() -> running.receivedIds().size() == 5);

            seen().untilAsserted(() -> {
                assertThat(browser.text("#total-produced")).isEqualTo("5");
                assertThat(browser.text("#total-delivered")).isEqualTo("5");
                assertThat(browser.text("#total-sessions")).isEqualTo("1");
            });
            assertThat(browser.text("#clients tr[data-client='registry']"))
                    .contains(ORDER + " (urn:test:orders)", BORN + " (urn:ms:ecmnd)");
            assertThat(browser.text("#clients tr[data-client='allowances']")).contains(ORDER, BORN, "1003600000002");
            assertThat(browser.findAll("#chart polyline")).hasSize(2);
            assertThat(browser.text("#active-faults")).isEqualTo("none");
            browser.screenshot("overview");
            browser.assertNoErrors();
        }
    }

    @Test
    void consumersViewShowsThePartitionStuckOnceItsConsumerStopsConfirming() {
        RecordingWebSocket socket = consumer.connect("");
        orders.produceWithKey("customer:7", "order-1", "order-2");
        soon().until(() -> socket.count() == 2);
        socket.confirm(socket.lastOffset());
        soon().until(() -> groupCount("confirmed") == 2);
        orders.produceWithKey("customer:7", "order-3", "order-4", "order-5"); // never confirmed
        soon().until(() -> socket.count() == 5);

        browser.open("consumers");

        seen().untilAsserted(() -> {
            assertThat(browser.findAll("tr.stuck")).hasSize(1);
            WebElement stuck = browser.find("tr.stuck");
            assertThat(stuck.findElement(By.cssSelector(".in-flight")).getText()).isEqualTo("3");
            assertThat(stuck.findElement(By.cssSelector(".confirmed")).getText()).isEqualTo("2");
            assertThat(stuck.findElement(By.cssSelector(".state")).getText()).startsWith("stuck: no confirmation for");
            assertThat(browser.text(".sessions tbody tr")).contains("websocket", "3 / 1000").doesNotContain("never");
        });
        browser.screenshot("consumers");
        browser.assertNoErrors();
        socket.close();
    }

    @Test
    void eventsViewShowsAnEventsJsonAndItsDeliveryHistory() {
        RecordingWebSocket first = consumer.connect("");
        orders.produceWithKey("customer:42", "order-42");
        orders.produce("order-43");
        soon().until(() -> first.count() == 2);
        first.close(); // unconfirmed: delivered again in the next session
        RecordingWebSocket second = consumer.connect("");
        soon().until(() -> second.count() == 2);
        second.confirm(second.lastOffset());
        soon().until(() -> groupCount("confirmed") == 2);

        browser.open("events");
        seen().untilAsserted(() -> assertThat(browser.findAll("#events tbody tr")).hasSize(2));
        browser.find("#event-search input[name='id']").sendKeys("order-42");
        browser.find("#event-search button[type='submit']").click();
        seen().untilAsserted(() -> {
            assertThat(browser.findAll("#events tbody tr")).hasSize(1);
            assertThat(browser.text("#events tbody tr .status")).isEqualTo("~default: confirmed");
        });
        seen().untilAsserted(() -> browser.find("#events tbody tr[data-id='order-42']").click());

        seen().untilAsserted(() -> {
            assertThat(browser.text("#event-json")).contains("\"id\": \"order-42\"", "\"partitionkey\": \"customer:42\"",
                    "\"data\": {");
            assertThat(browser.findAll("#event-deliveries tbody .outcome")).extracting(WebElement::getText)
                    .containsExactly("session closed unconfirmed", "confirmed");
        });
        seen().untilAsserted(() -> assertThat(browser.text("#event-title"))
                .contains("~default: confirmed, redelivered 1×"));
        browser.screenshot("events");
        browser.assertNoErrors();
        second.close();
    }

    @Test
    void deadEventsShowTheirReasonAndATestEventProducedFromThePageIsListed() {
        RecordingWebSocket socket = consumer.connect("");
        orders.produce("order-7");
        soon().until(() -> socket.count() == 1);
        ObjectNode dead = socket.events().get(0).deepCopy();
        dead.remove("offset");
        dead.put("deadreason", "order-7: rule customer-required broken");
        socket.send("dead:" + dead);
        socket.confirm(socket.lastOffset());
        soon().until(() -> emulator.deadEvents("allowances").size() == 1);
        socket.close();

        browser.open("actions");
        seen().until(() -> !browser.findAll("#test-form select[name='client'] option").isEmpty());
        new Select(browser.find("#test-form select[name='client']")).selectByValue("allowances");
        browser.find("#test-form input[name='type']").sendKeys(ORDER);
        browser.find("#test-form input[name='id']").sendKeys("test-1");
        browser.find("#test-form button[type='submit']").click();
        seen().untilAsserted(() -> assertThat(browser.text("#action-result"))
                .isEqualTo("test event test-1 stored for allowances"));
        assertThat(emulator.state().at("/clients/allowances/test/pending").asInt()).isEqualTo(1);

        browser.navigate("dead");
        seen().untilAsserted(() -> {
            assertThat(browser.text("#dead-events tbody tr[data-id='order-7'] .dead-reason"))
                    .isEqualTo("order-7: rule customer-required broken");
            assertThat(browser.text("#test-events tbody tr[data-id='test-1']")).contains(ORDER, "urn:console", "pending");
        });
        browser.screenshot("dead-and-test-events");
        browser.assertNoErrors();
    }

    @Test
    void faultSwitchedOnFromThePageTakesEffectOnTheService() {
        browser.open("actions");
        seen().until(() -> !browser.findAll("input[data-fault-toggle='dropConfirmRate']").isEmpty());
        browser.find("input[data-fault-toggle='dropConfirmRate']").click();
        WebElement rate = browser.find("input[data-fault='dropConfirmRate']");
        rate.clear();
        rate.sendKeys("1");
        browser.find("#faults-apply").click();
        seen().untilAsserted(() -> assertThat(browser.text("#action-result")).isEqualTo("faults applied: dropConfirmRate"));

        assertThat(admin.getJson("emulator/faults").path("dropConfirmRate").asDouble()).isEqualTo(1.0);
        RecordingWebSocket socket = consumer.connect("");
        orders.produce("order-9");
        soon().until(() -> socket.count() == 1);
        socket.confirm(socket.lastOffset());
        soon().until(() -> emulator.state().at("/clients/allowances/confirmMessagesDropped").asInt() == 1);
        assertThat(groupCount("confirmed")).isZero();

        seen().untilAsserted(() -> assertThat(browser.findAll("#sessions button[data-close]")).hasSize(1));
        browser.screenshot("actions");
        seen().untilAsserted(() -> browser.find("#sessions button[data-close]").click());
        assertThat(socket.awaitCloseCode(10)).isEqualTo(1001);

        browser.navigate("overview");
        seen().untilAsserted(() -> assertThat(browser.text("#active-faults li[data-fault='dropConfirmRate']"))
                .isEqualTo("dropConfirmRate: 1"));
        browser.assertNoErrors();
    }

    @Test
    void closeEverySessionAndResetFromThePage() {
        RecordingWebSocket socket = consumer.connect("");
        orders.produce("order-1");
        soon().until(() -> socket.count() == 1);
        browser.open("actions");
        seen().untilAsserted(() -> assertThat(browser.findAll("#sessions button[data-close]")).hasSize(1));

        browser.find("#close-all").click();
        seen().untilAsserted(() -> assertThat(browser.text("#action-result")).isEqualTo("1 session closed"));
        assertThat(socket.awaitCloseCode(10)).isEqualTo(1001);
        browser.find("#reset").click();
        seen().untilAsserted(() -> assertThat(browser.text("#action-result")).isEqualTo("the emulator was reset"));
        assertThat(emulator.state().path("produced").asLong()).isZero();
        browser.assertNoErrors();
    }

    @Test
    void poisonFrameInjectedFromThePageReachesTheConsumer() {
        RecordingWebSocket socket = consumer.connect("");
        browser.open("actions");
        seen().until(() -> !browser.findAll("#poison-form select[name='client'] option").isEmpty());
        new Select(browser.find("#poison-form select[name='poison']")).selectByVisibleText("not-json");
        browser.find("#poison-form input[name='partitionKey']").sendKeys("customer:1");
        browser.find("#poison-form button[type='submit']").click();

        seen().untilAsserted(() -> assertThat(browser.text("#action-result")).startsWith("not-json injected for allowances"));
        soon().until(() -> socket.frameCount() == 1);
        assertThat(emulator.state().at("/clients/allowances/injected").asInt()).isEqualTo(1);
        browser.assertNoErrors();
        socket.close();
    }

    @Test
    void personalDataLogShowsItsEntriesAndHighlightsThoseWhosePathFoundNothing() {
        ObjectNode named = births.event("birth-1");
        named.putObject("data").put("ChildIDNP", "2000000000011").put("EventReason", "birth registered");
        ObjectNode unnamed = births.event("birth-2");
        unnamed.putObject("data").put("EventReason", "birth registered");
        try (ConfirmingConsumer running = ConfirmingConsumer.start(emulator, consumer, "")) {
            births.produce(List.of(named, unnamed));
            soon().until(() -> running.receivedIds().size() == 2);
        }

        browser.open("personal-data");
        seen().untilAsserted(() -> {
            assertThat(browser.findAll("#pd-log tbody tr")).hasSize(2);
            WebElement found = browser.find("#pd-log tbody tr[data-id='birth-1']");
            assertThat(found.getAttribute("class")).doesNotContain("problem");
            assertThat(found.findElement(By.cssSelector(".subject")).getText()).isEqualTo("2000000000011");
            WebElement missing = browser.find("#pd-log tbody tr[data-id='birth-2']");
            assertThat(missing.getAttribute("class")).contains("problem");
            assertThat(missing.getText()).contains("subject path $.ChildIDNP selects nothing");
        });
        browser.screenshot("personal-data");

        WebElement subject = browser.find("#pd-filters input[name='subject']");
        subject.sendKeys("2000000000011");
        subject.submit();
        seen().untilAsserted(() -> {
            assertThat(browser.findAll("#pd-log tbody tr")).hasSize(1);
            assertThat(browser.text("#pd-log tbody tr")).contains("birth-1");
        });
        browser.assertNoErrors();
    }

    private static long groupCount(String name) {
        JsonNode group = emulator.state().at("/clients/allowances/groups/~0default");
        return group.path(name).asLong();
    }
}
