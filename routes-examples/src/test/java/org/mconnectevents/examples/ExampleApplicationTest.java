package org.mconnectevents.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.checklist.ChecklistItem.*;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The example application's main job, played in full: orders through the HTTP intake and the outbox, a duplicate
 * delivery, a structurally bad event and a database outage in the middle of consumption, with either consumer (the
 * YAML DSL routes, loaded from routes/order-consumer.yaml, or the Java DSL ones). Nothing is lost, and the application
 * meets the operator's checklists it can be judged on.
 */
class ExampleApplicationTest {

    /** Orders placed in each of the two intake steps of the scenario. */
    private static final int ORDERS = 6;

    @ParameterizedTest(name = "with the {0} consumer")
    @ValueSource(strings = { "yaml", "java" })
    void theScenarioStoresEveryGoodOrderOnceReportsTheBadOneDeadAndLosesNothing(String consumer) throws Exception {
        ScenarioReport report = ExampleApplication.run(settings(consumer));

        assertThat(report.consumer()).contains(consumer.equals("yaml") ? "YAML DSL" : "Java DSL");
        assertThat(report.completed()).as("completed within the time bound").isTrue();
        assertThat(report.lost()).as("lost").isEmpty();
        // 2 × ORDERS through the intake, the event produced twice (counted once) and the bad one
        assertThat(report.produced()).isEqualTo(2 * ORDERS + 2);
        assertThat(report.consumed()).as("stored once each, the resent event included").isEqualTo(2 * ORDERS + 1);
        assertThat(report.personalDataRecords()).as("one per stored order: none for duplicates, none for the dead one")
                .isEqualTo(2 * ORDERS + 1);
        // at least the resent event; an order stored just before the outage may come again too if its confirmation
        // had not gone out, and it is skipped the same way (MConnect Events delivers at least once)
        assertThat(report.duplicatesSuppressed()).isGreaterThanOrEqualTo(1);
        assertThat(report.deadReported().entrySet()).singleElement().satisfies(dead -> {
            assertThat(dead.getKey()).startsWith("bad-");
            assertThat(dead.getValue()).contains("/item is missing");
        });
        assertThat(report.refusedConnections()).as("the outage was real for the consumer and the relay").isPositive();
        assertThat(report.succeeded()).isTrue();
        report.checklist().assertMet(CONFIGURED_CONNECTION, INTERMEDIATES_SENT, CERTIFICATE_REMINDER, OUTBOX, SOURCE_URI,
                UNIQUE_IDS, CONSISTENT_TIME, SIZES, CONFIRMATION, IDEMPOTENT_CONSUMER, DEAD_EVENTS_REPORTED,
                NEVER_DEAD_FOR_TECHNICAL_ERRORS, WEBSOCKET, SESSIONS_DIVIDE_12, MONITORED);
    }

    static Map<String, String> settings(String consumer) {
        Map<String, String> settings = new HashMap<>();
        settings.put("example.consumer", consumer);
        settings.put("example.scenario.orders", String.valueOf(ORDERS));
        settings.put("example.scenario.outage", "2s");
        settings.put("example.scenario.timeout", "90s");
        return settings;
    }
}
