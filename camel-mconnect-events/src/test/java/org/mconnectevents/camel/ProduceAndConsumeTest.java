package org.mconnectevents.camel;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.support.EmulatorClients;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;

/** What an integrator writes first: produce with to(), consume with from(), over both transports and both formats. */
class ProduceAndConsumeTest extends EmulatorRouteTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=websocket").routeId("websocket").to("mock:websocket");
                from("mconnect-events:events?group=longpolling&transport=longpolling").routeId("longpolling").to("mock:longpolling");
            }
        };
    }

    @Test
    void aStructuredEventWithHeadersArrivesOverBothTransportsWithItsAttributes() throws Exception {
        MockEndpoint websocket = getMockEndpoint("mock:websocket");
        MockEndpoint longPolling = getMockEndpoint("mock:longpolling");
        websocket.expectedBodiesReceived("{\"order\":1}");
        longPolling.expectedBodiesReceived("{\"order\":1}");

        template.sendBodyAndHeaders("mconnect-events:events", "{\"order\":1}", Map.of(
                MConnectEventsConstants.CLOUD_EVENT_ID, "order-1",
                MConnectEventsConstants.CLOUD_EVENT_SOURCE, SOURCE,
                MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED,
                MConnectEventsConstants.CLOUD_EVENT_SUBJECT, "orders/1",
                MConnectEventsConstants.PARTITION_KEY, "customer:7"));

        MockEndpoint.assertIsSatisfied(context, 20, java.util.concurrent.TimeUnit.SECONDS);
        for (MockEndpoint mock : List.of(websocket, longPolling)) {
            Map<String, Object> headers = mock.getExchanges().get(0).getMessage().getHeaders();
            assertThat(headers).containsEntry(MConnectEventsConstants.CLOUD_EVENT_ID, "order-1")
                    .containsEntry(MConnectEventsConstants.CLOUD_EVENT_SOURCE, SOURCE)
                    .containsEntry(MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED)
                    .containsEntry(MConnectEventsConstants.CLOUD_EVENT_SUBJECT, "orders/1")
                    .containsEntry(MConnectEventsConstants.PARTITION_KEY, "customer:7")
                    .containsEntry(MConnectEventsConstants.CLOUD_EVENT_SPEC_VERSION, "1.0")
                    .containsKey(MConnectEventsConstants.OFFSET);
        }
    }

    @Test
    void aBinaryEventAndABatchOfCloudEventsArriveInOrderOfTheirKey() throws Exception {
        MockEndpoint websocket = getMockEndpoint("mock:websocket");
        websocket.expectedMessageCount(11);

        template.sendBodyAndHeaders("mconnect-events:events?format=binary&source=" + SOURCE + "&type=" + ORDER_CREATED,
                "{\"binary\":true}", Map.of(MConnectEventsConstants.PARTITION_KEY, "k"));
        List<CloudEvent> batch = IntStream.range(0, 10).mapToObj(i -> (CloudEvent) CloudEventBuilder.v1()
                .withId("batch-" + i).withSource(URI.create(SOURCE)).withType(ORDER_CREATED)
                .withExtension("partitionkey", "k")
                .withDataContentType("application/json")
                .withData(("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)).build()).toList();
        template.sendBody("mconnect-events:events", batch);

        MockEndpoint.assertIsSatisfied(context, 20, java.util.concurrent.TimeUnit.SECONDS);
        List<Object> bodies = websocket.getExchanges().stream().map(e -> e.getMessage().getBody()).toList();
        assertThat(bodies.get(0)).isEqualTo("{\"binary\":true}");
        assertThat(bodies.subList(1, 11)).containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "{\"n\":" + i + "}").toList());
    }
}
