package org.mconnectevents.camel.checklist;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mconnectevents.camel.checklist.ChecklistItem.CONFIGURED_CONNECTION;
import static org.mconnectevents.camel.checklist.ChecklistItem.CONFIRMATION;
import static org.mconnectevents.camel.checklist.ChecklistItem.CONSISTENT_TIME;
import static org.mconnectevents.camel.checklist.ChecklistItem.DEAD_EVENTS_REPORTED;
import static org.mconnectevents.camel.checklist.ChecklistItem.IDEMPOTENT_CONSUMER;
import static org.mconnectevents.camel.checklist.ChecklistItem.INTERMEDIATES_SENT;
import static org.mconnectevents.camel.checklist.ChecklistItem.NEVER_DEAD_FOR_TECHNICAL_ERRORS;
import static org.mconnectevents.camel.checklist.ChecklistItem.OUTBOX;
import static org.mconnectevents.camel.checklist.ChecklistItem.SESSIONS_DIVIDE_12;
import static org.mconnectevents.camel.checklist.ChecklistItem.SIZES;
import static org.mconnectevents.camel.checklist.ChecklistItem.SOURCE_URI;
import static org.mconnectevents.camel.checklist.ChecklistItem.UNIQUE_IDS;
import static org.mconnectevents.camel.checklist.ChecklistItem.VARIED_PARTITION_KEYS;
import static org.mconnectevents.camel.checklist.ChecklistItem.WEBSOCKET;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;

/**
 * The operator's checklists as the application meets them, judged from its routes, its endpoints and their traffic:
 * a consumer route written as the operator asks meets the consumers' list; a careless one is reported item by item
 * with what to change; a route that produces directly, a constant partition key, an id re-used for another event and a
 * base address written into a route are found; the report never carries event data or partition keys.
 */
class ChecklistTest extends EmulatorRouteTestSupport {

    private static final String CONSTANT_KEY = "idnp:2000000000001";
    private static final String SECRET_DATA = "{\"idnp\":\"2000000000002\"}";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=careful&concurrentConsumers=3").routeId("careful")
                        .errorHandler(deadLetterChannel("mconnect-events:dead"))
                        .idempotentConsumer(header(MConnectEventsConstants.CLOUD_EVENT_ID),
                                MemoryIdempotentRepository.memoryIdempotentRepository())
                        .to("mock:applied");
                from("mconnect-events:events?group=natural").routeId("natural")
                        .routeProperty(MConnectEventsChecklist.IDEMPOTENT_BY_NATURE, "sets the customer's latest address")
                        .errorHandler(deadLetterChannel("mconnect-events:dead"))
                        .to("mock:natural");
                from("mconnect-events:events?group=careless&transport=longpolling&concurrentConsumers=5").routeId("careless")
                        .errorHandler(deadLetterChannel("log:failed"))
                        .to("mock:careless");
                from("direct:register").routeId("direct-producer")
                        .to("mconnect-events:events");
                from("direct:literal").routeId("literal-address")
                        .to("mconnect-events:events?baseAddress=https://127.0.0.1:1/&source=urn:test:registry");
            }
        };
    }

    @Test
    void aConsumerRouteWrittenAsTheOperatorAsksMeetsTheConsumersChecklist() {
        MConnectEventsChecklist checklist = MConnectEventsChecklist.of(context);

        assertThat(about(checklist, "route careful")).extracting(ChecklistFinding::item, ChecklistFinding::state)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(CONFIRMATION, ChecklistState.MET),
                        org.assertj.core.groups.Tuple.tuple(IDEMPOTENT_CONSUMER, ChecklistState.MET),
                        org.assertj.core.groups.Tuple.tuple(DEAD_EVENTS_REPORTED, ChecklistState.MET),
                        org.assertj.core.groups.Tuple.tuple(NEVER_DEAD_FOR_TECHNICAL_ERRORS, ChecklistState.MET),
                        org.assertj.core.groups.Tuple.tuple(WEBSOCKET, ChecklistState.MET));
        assertThat(about(checklist, "route natural")).filteredOn(line -> line.item() == IDEMPOTENT_CONSUMER)
                .singleElement().satisfies(line -> {
                    assertThat(line.state()).isEqualTo(ChecklistState.MET);
                    assertThat(line.evidence()).contains("sets the customer's latest address");
                });
        assertThat(checklist.findings(SESSIONS_DIVIDE_12)).filteredOn(line -> line.subject().startsWith("group careful"))
                .singleElement().satisfies(line -> assertThat(line.state()).isEqualTo(ChecklistState.MET));
        assertThat(checklist.findings(INTERMEDIATES_SENT)).isNotEmpty()
                .allSatisfy(line -> assertThat(line.state()).isEqualTo(ChecklistState.MET));
    }

    @Test
    void aCarelessConsumerRouteIsReportedItemByItemAndTheAssertionSaysWhatToChange() {
        MConnectEventsChecklist checklist = MConnectEventsChecklist.of(context);

        assertThat(about(checklist, "route careless")).filteredOn(line -> line.state() == ChecklistState.NOT_MET)
                .extracting(ChecklistFinding::item)
                .containsExactlyInAnyOrder(IDEMPOTENT_CONSUMER, DEAD_EVENTS_REPORTED, NEVER_DEAD_FOR_TECHNICAL_ERRORS, WEBSOCKET);
        assertThat(checklist.findings(SESSIONS_DIVIDE_12)).filteredOn(line -> line.subject().startsWith("group careless"))
                .singleElement().satisfies(line -> {
                    assertThat(line.state()).isEqualTo(ChecklistState.NOT_MET);
                    assertThat(line.evidence()).startsWith("5 sessions here, not a divisor of 12");
                });
        assertThatThrownBy(() -> checklist.assertMet(WEBSOCKET, IDEMPOTENT_CONSUMER))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("route careless")
                .hasMessageContaining("consumes by long polling")
                .hasMessageContaining("no idempotentConsumer")
                .hasMessageNotContaining("route careful");
    }

    @Test
    void aRouteThatProducesDirectlyAndARouteWithTheBaseAddressInItsUriAreFound() {
        MConnectEventsChecklist checklist = MConnectEventsChecklist.of(context);

        assertThat(checklist.findings(OUTBOX)).filteredOn(line -> line.state() == ChecklistState.NOT_MET)
                .extracting(ChecklistFinding::subject)
                .containsExactlyInAnyOrder("route direct-producer", "route literal-address");
        assertThat(checklist.findings(CONFIGURED_CONNECTION)).singleElement().satisfies(line -> {
            assertThat(line.state()).isEqualTo(ChecklistState.NOT_MET);
            assertThat(line.subject()).isEqualTo("route literal-address");
            assertThat(line.evidence()).contains("baseAddress as a literal")
                    .contains("camel.component.mconnect-events.base-address");
        });
    }

    @Test
    void theProducersTrafficShowsAConstantKeyAndAnIdReusedForAnotherEventWithoutShowingEitherOfThem() {
        assertThat(stateOf(MConnectEventsChecklist.of(context), UNIQUE_IDS)).isEqualTo(ChecklistState.UNKNOWN);

        List<CloudEvent> keyed = new ArrayList<>();
        for (int n = 0; n < 120; n++) {
            keyed.add(CloudEventBuilder.v1().withId("keyed-" + n).withSource(URI.create(SOURCE)).withType(ORDER_CREATED)
                    .withExtension("partitionkey", CONSTANT_KEY)
                    .withData("application/json", ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8)).build());
        }
        template.sendBody("direct:register", keyed); // one batch
        produce("reused", "key-a", "{\"n\":1}");
        produce("reused", "key-a", "{\"n\":1}"); // a retry: the same event again
        MConnectEventsChecklist retried = MConnectEventsChecklist.of(context);
        assertThat(stateOf(retried, UNIQUE_IDS)).isEqualTo(ChecklistState.MET);
        produce("reused", "key-b", SECRET_DATA); // another event under the same id

        MConnectEventsChecklist checklist = MConnectEventsChecklist.of(context);
        assertThat(producerLine(checklist, UNIQUE_IDS)).satisfies(line -> {
            assertThat(line.state()).isEqualTo(ChecklistState.NOT_MET);
            assertThat(line.evidence()).contains("1 event re-used").contains("id=reused");
        });
        assertThat(producerLine(checklist, VARIED_PARTITION_KEYS)).satisfies(line -> {
            assertThat(line.state()).isEqualTo(ChecklistState.NOT_MET);
            assertThat(line.evidence()).contains("3 keys over the last 123 events, the most frequent carrying 98 %");
        });
        assertThat(producerLine(checklist, CONSISTENT_TIME).state()).isEqualTo(ChecklistState.MET);
        assertThat(producerLine(checklist, SIZES).state()).isEqualTo(ChecklistState.MET);
        assertThat(producerLine(checklist, SOURCE_URI).state()).isEqualTo(ChecklistState.MET);
        assertThat(checklist.toText()).doesNotContain(CONSTANT_KEY).doesNotContain("key-b").doesNotContain("2000000000002");
        assertThat(checklist.toJson().toJson()).doesNotContain(CONSTANT_KEY).doesNotContain("2000000000002");
    }

    private void produce(String id, String partitionKey, String data) {
        template.sendBodyAndHeaders("direct:register", data, Map.of(
                MConnectEventsConstants.CLOUD_EVENT_ID, id,
                MConnectEventsConstants.CLOUD_EVENT_SOURCE, SOURCE,
                MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED,
                MConnectEventsConstants.PARTITION_KEY, partitionKey));
    }

    private static List<ChecklistFinding> about(MConnectEventsChecklist checklist, String subject) {
        return checklist.findings().stream().filter(line -> line.subject().equals(subject)).toList();
    }

    private static ChecklistState stateOf(MConnectEventsChecklist checklist, ChecklistItem item) {
        return producerLine(checklist, item).state();
    }

    /** The line of the direct producer's endpoint, mconnect-events://events. */
    private static ChecklistFinding producerLine(MConnectEventsChecklist checklist, ChecklistItem item) {
        return checklist.findings(item).stream().filter(line -> line.subject().equals("mconnect-events://events"))
                .findFirst().orElseThrow(() -> new AssertionError("no line of " + item + " about mconnect-events://events in\n"
                        + checklist.toText()));
    }
}
