package org.mconnectevents.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.support.EmulatorClients;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_DATA_CONTENT_TYPE;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_ID;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_SOURCE;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_SUBJECT;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_TIME;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_TYPE;
import static org.mconnectevents.camel.MConnectEventsConstants.PARTITION_KEY;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;

/**
 * How what a route produces becomes the event consumers receive: a CloudEvent body keeps every attribute and
 * its data; a Map or a POJO body becomes JSON data; format=binary carries text data unchanged; and
 * {@code to("mconnect-events:test")} stores a test event that only a consumer of test events receives.
 */
class ProducerMappingTest extends EmulatorRouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OffsetDateTime TIME = OffsetDateTime.parse("2025-03-01T10:15:30Z");

    /** An order as an integrator's route would carry it. */
    public record Order(int number, String customer, List<String> lines) {
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=data&test=false").routeId("data").to("mock:data");
                from("mconnect-events:events?group=whole&test=false&bodyType=cloudevent").routeId("whole").to("mock:whole");
                from("mconnect-events:test").routeId("test-events").autoStartup(false).to("mock:test");
            }
        };
    }

    @Test
    void aCloudEventBodyArrivesWithEveryAttributeAndItsData() throws IOException {
        CloudEvent produced = CloudEventBuilder.v1()
                .withId("order-1")
                .withSource(URI.create(SOURCE))
                .withType(ORDER_CREATED)
                .withSubject("orders/1")
                .withTime(TIME)
                .withExtension("partitionkey", "customer:1")
                .withDataContentType("application/json")
                .withData("{\"order\":1,\"lines\":[\"bread\",\"milk\"]}".getBytes(StandardCharsets.UTF_8))
                .build();

        template.sendBody("mconnect-events:events", produced);

        CloudEvent consumed = receivedMessage("mock:whole").getBody(CloudEvent.class);
        assertThat(consumed.getId()).isEqualTo("order-1");
        assertThat(consumed.getSource()).isEqualTo(URI.create(SOURCE));
        assertThat(consumed.getType()).isEqualTo(ORDER_CREATED);
        assertThat(consumed.getSubject()).isEqualTo("orders/1");
        assertThat(consumed.getTime()).isEqualTo(TIME);
        assertThat(consumed.getExtension("partitionkey")).isEqualTo("customer:1");
        assertThat(consumed.getDataContentType()).isEqualTo("application/json");
        assertThat(JSON.readTree(consumed.getData().toBytes())).isEqualTo(JSON.readTree(produced.getData().toBytes()));
    }

    @Test
    void aMapBodyIsSentAsJsonData() throws IOException {
        Map<String, Object> order = Map.of("order", 7, "customer", "Ion", "lines", List.of("bread", "milk"));

        template.sendBodyAndHeaders("mconnect-events:events", order,
                Map.of(CLOUD_EVENT_ID, "map-7", CLOUD_EVENT_SOURCE, SOURCE, CLOUD_EVENT_TYPE, ORDER_CREATED));

        Message consumed = receivedMessage("mock:data");
        assertThat(consumed.getHeaders()).containsEntry(CLOUD_EVENT_ID, "map-7")
                .containsEntry(CLOUD_EVENT_DATA_CONTENT_TYPE, "application/json");
        assertThat(JSON.readTree(consumed.getBody(String.class))).isEqualTo(JSON.valueToTree(order));
    }

    @Test
    void aPojoBodyIsSentAsJsonData() throws IOException {
        Order order = new Order(8, "Maria", List.of("apples"));

        template.sendBodyAndHeaders("mconnect-events:events", order,
                Map.of(CLOUD_EVENT_ID, "pojo-8", CLOUD_EVENT_SOURCE, SOURCE, CLOUD_EVENT_TYPE, ORDER_CREATED));

        Message consumed = receivedMessage("mock:data");
        assertThat(consumed.getHeaders()).containsEntry(CLOUD_EVENT_ID, "pojo-8")
                .containsEntry(CLOUD_EVENT_DATA_CONTENT_TYPE, "application/json");
        JsonNode data = JSON.readTree(consumed.getBody(String.class));
        assertThat(data).isEqualTo(JSON.readTree("{\"number\":8,\"customer\":\"Maria\",\"lines\":[\"apples\"]}"));
    }

    @Test
    void aBinaryEventWithTextDataArrivesWithItsAttributesAndTheSameText() {
        String text = "Bună ziua, Chișinău: plain text, not JSON";

        template.sendBodyAndHeaders("mconnect-events:events?format=binary", text, Map.of(
                CLOUD_EVENT_ID, "text-1",
                CLOUD_EVENT_SOURCE, SOURCE,
                CLOUD_EVENT_TYPE, ORDER_CREATED,
                CLOUD_EVENT_SUBJECT, "orders/text",
                CLOUD_EVENT_TIME, TIME,
                CLOUD_EVENT_DATA_CONTENT_TYPE, "text/plain",
                PARTITION_KEY, "customer:2"));

        Message consumed = receivedMessage("mock:data");
        assertThat(consumed.getBody()).isEqualTo(text);
        assertThat(consumed.getHeaders()).containsEntry(CLOUD_EVENT_ID, "text-1")
                .containsEntry(CLOUD_EVENT_SOURCE, SOURCE)
                .containsEntry(CLOUD_EVENT_TYPE, ORDER_CREATED)
                .containsEntry(CLOUD_EVENT_SUBJECT, "orders/text")
                .containsEntry(CLOUD_EVENT_TIME, "2025-03-01T10:15:30Z")
                .containsEntry(CLOUD_EVENT_DATA_CONTENT_TYPE, "text/plain")
                .containsEntry(PARTITION_KEY, "customer:2");
        assertThat(receivedMessage("mock:whole").getBody(CloudEvent.class).getData().toBytes())
                .isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTestEventReachesTheTestChannelAndNotAnEventsConsumerWithTestFalse() throws Exception {
        template.sendBodyAndHeaders("mconnect-events:test", "{\"probe\":1}",
                Map.of(CLOUD_EVENT_ID, "probe-1", CLOUD_EVENT_SOURCE, SOURCE, CLOUD_EVENT_TYPE, ORDER_CREATED));
        // a standard event stored after the test event: once it arrived, the test event would have too
        template.sendBodyAndHeaders("mconnect-events:events", "{\"order\":1}",
                Map.of(CLOUD_EVENT_ID, "after-probe", CLOUD_EVENT_SOURCE, SOURCE, CLOUD_EVENT_TYPE, ORDER_CREATED));

        assertThat(receivedMessage("mock:data").getHeader(CLOUD_EVENT_ID)).isEqualTo("after-probe");
        assertThat(getMockEndpoint("mock:data").getReceivedCounter()).isOne();
        assertThat(registryState().at("/test/pending").asLong()).isOne();
        assertThat(EMULATOR.emulator().state().get("produced").asLong()).as("a test event is not a produced event").isOne();

        context.getRouteController().startRoute("test-events");

        Message testEvent = receivedMessage("mock:test");
        assertThat(testEvent.getHeaders()).containsEntry(CLOUD_EVENT_ID, "probe-1").containsEntry(CLOUD_EVENT_SOURCE, SOURCE);
        assertThat(testEvent.getBody()).isEqualTo("{\"probe\":1}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(registryState().at("/test/confirmed").asLong()).isOne());
    }

    /** The one message the mock received, once it did. */
    private Message receivedMessage(String mock) {
        MockEndpoint endpoint = getMockEndpoint(mock);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(endpoint.getReceivedCounter()).isEqualTo(1));
        return endpoint.getReceivedExchanges().get(0).getMessage();
    }

    private static JsonNode registryState() {
        return EMULATOR.emulator().state().at("/clients/" + EmulatorClients.REGISTRY);
    }
}
