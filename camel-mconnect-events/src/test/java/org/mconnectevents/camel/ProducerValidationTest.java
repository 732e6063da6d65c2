package org.mconnectevents.camel;

import io.cloudevents.CloudEvent;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.junit.jupiter.api.Test;
import org.mconnectevents.client.EventCodec;
import org.mconnectevents.client.MConnectEventsRejectedException;
import org.mconnectevents.camel.support.EmulatorClients;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_DATA_CONTENT_TYPE;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_ID;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_SOURCE;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_TIME;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_TYPE;
import static org.mconnectevents.camel.MConnectEventsConstants.PARTITION_KEY;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;
import static org.mconnectevents.camel.support.OrderEvents.jsonOfSize;
import static org.mconnectevents.camel.support.OrderEvents.orderCreated;

/**
 * What the producer checks before sending. Each broken rule fails the exchange with
 * {@link MConnectEventsRejectedException} of status 0 whose message names the event and the rule, and nothing
 * reaches the service: the emulator's {@code produced} count stays 0. A collection over the request limit is
 * refused whole, unless {@code splitBatches=true} sends it in several requests, every event arriving in the
 * order of its partition key.
 */
class ProducerValidationTest extends EmulatorRouteTestSupport {

    private static final String PRODUCE = "mconnect-events:events";
    private static final int MAX_REQUEST_SIZE = 1024 * 1024;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=validation").routeId("consumer").to("mock:consumed");
            }
        };
    }

    @Test
    void anEventWithoutSourceIsRefusedNamingItsIdAndTheSourceRule() {
        Exchange sent = produce(PRODUCE, "{\"order\":1}", Map.of(CLOUD_EVENT_ID, "no-source", CLOUD_EVENT_TYPE, ORDER_CREATED));

        assertRefusedBeforeSending(sent, "event (source=null, id=no-source)",
                "source is required: set the CamelCloudEventSource header or the endpoint's source option");
    }

    @Test
    void anEventWithoutTypeIsRefusedNamingItAndTheTypeRule() {
        Exchange sent = produce(PRODUCE, "{\"order\":1}", Map.of(CLOUD_EVENT_ID, "no-type", CLOUD_EVENT_SOURCE, SOURCE));

        assertRefusedBeforeSending(sent, "event (source=" + SOURCE + ", id=no-type)",
                "type is required: set the CamelCloudEventType header or the endpoint's type option");
    }

    @Test
    void aSourceThatIsNotAUriIsRefused() {
        Exchange sent = produce(PRODUCE, "{\"order\":1}", Map.of(CLOUD_EVENT_ID, "bad-source",
                CLOUD_EVENT_SOURCE, "urn:test:registry and more", CLOUD_EVENT_TYPE, ORDER_CREATED));

        assertRefusedBeforeSending(sent, "event (source=urn:test:registry and more, id=bad-source)",
                "source 'urn:test:registry and more' is not a URI");
    }

    @Test
    void aTimeInTheFutureIsRefused() {
        OffsetDateTime inAnHour = OffsetDateTime.now().plusHours(1);

        Exchange sent = produce(PRODUCE, "{\"order\":1}", Map.of(CLOUD_EVENT_ID, "from-the-future",
                CLOUD_EVENT_SOURCE, SOURCE, CLOUD_EVENT_TYPE, ORDER_CREATED, CLOUD_EVENT_TIME, inAnHour));

        assertRefusedBeforeSending(sent, "event (source=" + SOURCE + ", id=from-the-future)",
                "time " + inAnHour + " is in the future", "fill time from a clock that is right, or leave it out");
    }

    @Test
    void aTimeHeaderThatIsNotRfc3339IsRefused() {
        Exchange sent = produce(PRODUCE, "{\"order\":1}", Map.of(CLOUD_EVENT_ID, "bad-time",
                CLOUD_EVENT_SOURCE, SOURCE, CLOUD_EVENT_TYPE, ORDER_CREATED, CLOUD_EVENT_TIME, "yesterday at noon"));

        assertRefusedBeforeSending(sent, "event (source=" + SOURCE + ", id=bad-time)",
                "time 'yesterday at noon' is not an RFC 3339 timestamp");
    }

    @Test
    void anEventOver64KiBIsRefused() {
        Exchange sent = produce(PRODUCE, jsonOfSize("big", 70_000), Map.of(CLOUD_EVENT_ID, "too-big",
                CLOUD_EVENT_SOURCE, SOURCE, CLOUD_EVENT_TYPE, ORDER_CREATED));

        assertRefusedBeforeSending(sent, "event (source=" + SOURCE + ", id=too-big)",
                "bytes as JSON, over the limit of 65536 bytes per event");
    }

    @Test
    void anEventOver64KiBInsideABatchIsRefusedNamingThatEvent() {
        List<CloudEvent> batch = List.of(orderCreated("small-0", "k", "{}"),
                orderCreated("too-big-1", "k", jsonOfSize("big", 70_000)), orderCreated("small-2", "k", "{}"));

        Exchange sent = produce(PRODUCE, batch, Map.of());

        assertRefusedBeforeSending(sent, "event (source=" + SOURCE + ", id=too-big-1)",
                "over the limit of 65536 bytes per event");
    }

    @Test
    void nonJsonDataIsRefusedAsAStructuredEvent() {
        Exchange sent = produce(PRODUCE + "?format=structured", "plain words", Map.of(CLOUD_EVENT_ID, "plain-text",
                CLOUD_EVENT_SOURCE, SOURCE, CLOUD_EVENT_TYPE, ORDER_CREATED, CLOUD_EVENT_DATA_CONTENT_TYPE, "text/plain"));

        assertRefusedBeforeSending(sent, "event (source=" + SOURCE + ", id=plain-text)",
                "datacontenttype text/plain is not JSON", "use format=binary for this event");
    }

    @Test
    void aCollectionElementThatIsNotACloudEventRefusesTheWholeBatch() {
        List<Object> batch = List.of(orderCreated("first", "k", "{}"), "{\"order\":2}", orderCreated("third", "k", "{}"));

        Exchange sent = produce(PRODUCE, batch, Map.of());

        assertRefusedBeforeSending(sent, "a batch of 3 elements (first event (source=" + SOURCE + ", id=first))",
                "element 1 is a java.lang.String, and a batch is a collection of io.cloudevents.CloudEvent");
    }

    @Test
    void aBatchOver1MiBIsRefusedWholeWithoutSplitBatches() {
        List<CloudEvent> batch = eventsOfSixtyKilobytes(20);
        assertThat(batchBytes(batch)).isGreaterThan(MAX_REQUEST_SIZE);

        Exchange sent = produce(PRODUCE, batch, Map.of());

        assertRefusedBeforeSending(sent, "a batch of 20 events (first event (source=" + SOURCE + ", id=large-0))",
                "over the limit of 1048576 bytes per request", "set splitBatches=true");
    }

    @Test
    void splitBatchesSendsAnOversizeCollectionInSeveralRequestsAndEveryEventArrivesInKeyOrder() {
        List<CloudEvent> batch = eventsOfSixtyKilobytes(24);
        // the emulator answers 413 to a request over 1 MiB, so every event arriving means the batch was split
        assertThat(batchBytes(batch)).isGreaterThan(MAX_REQUEST_SIZE);

        Exchange sent = produce(PRODUCE + "?splitBatches=true", batch, Map.of());

        assertThat(sent.getException()).isNull();
        assertThat(EMULATOR.emulator().state().get("produced").asLong()).isEqualTo(24);
        MockEndpoint consumed = getMockEndpoint("mock:consumed");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(consumed.getReceivedCounter()).isEqualTo(24));
        Map<String, List<String>> consumedIdsByKey = consumed.getReceivedExchanges().stream()
                .collect(Collectors.groupingBy(e -> e.getMessage().getHeader(PARTITION_KEY, String.class), LinkedHashMap::new,
                        Collectors.mapping(e -> e.getMessage().getHeader(CLOUD_EVENT_ID, String.class), Collectors.toList())));
        Map<String, List<String>> producedIdsByKey = batch.stream()
                .collect(Collectors.groupingBy(e -> e.getExtension(EventCodec.PARTITION_KEY).toString(), LinkedHashMap::new,
                        Collectors.mapping(CloudEvent::getId, Collectors.toList())));
        assertThat(consumedIdsByKey).containsExactlyInAnyOrderEntriesOf(producedIdsByKey);
    }

    private Exchange produce(String uri, Object body, Map<String, Object> headers) {
        return template.send(uri, exchange -> {
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeaders(new LinkedHashMap<>(headers));
        });
    }

    private static void assertRefusedBeforeSending(Exchange sent, String event, String... rule) {
        assertThat(sent.getException()).isInstanceOfSatisfying(MConnectEventsRejectedException.class, refused -> {
            assertThat(refused.getStatus()).isZero();
            assertThat(refused.getServerText()).isNull();
            assertThat(refused.isRetryable()).isFalse();
            assertThat(refused.getMessage()).startsWith("Refused " + event + " before sending: ").contains(rule);
        });
        assertThat(EMULATOR.emulator().state().get("produced").asLong()).isZero();
    }

    /** Events of about 60 KB each, within the event limit, keyed over three customers. */
    private static List<CloudEvent> eventsOfSixtyKilobytes(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> orderCreated("large-" + i, "customer:" + i % 3, jsonOfSize("large-" + i, 60_000)))
                .toList();
    }

    private static long batchBytes(List<CloudEvent> batch) {
        return EventCodec.jsonArraySize(batch.stream().mapToLong(e -> EventCodec.toJson(e).length).sum(), batch.size());
    }
}
