package org.mconnectevents.camel;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.client.MConnectEventsRejectedException;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_DATA_SCHEMA;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_ID;
import static org.mconnectevents.camel.MConnectEventsConstants.EXTENSION_PREFIX;
import static org.mconnectevents.camel.MConnectEventsConstants.PARTITION_KEY;
import static org.mconnectevents.camel.MConnectEventsConstants.TRACE_PARENT;
import static org.mconnectevents.camel.MConnectEventsConstants.TRACE_STATE;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;

/**
 * Extension attributes cross the bus both ways. The W3C trace context of the exchange ({@code traceparent} and
 * {@code tracestate}, the headers Camel's tracing writes) becomes the CloudEvents distributed tracing extension of the
 * produced event, and a consumed event's becomes those headers again, so that the consuming route continues the
 * producer's trace. Every other extension attribute is a {@code CamelMConnectEventsExtension-<name>} header, and
 * {@code dataschema} is Camel's {@code CamelCloudEventSchemaURL}.
 */
class ExtensionAttributesTest extends EmulatorRouteTestSupport {

    private static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String STATE = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7";
    private static final String SCHEMA = "https://schemas.example.md/orders/created-1.json";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=data&test=false").routeId("data").to("mock:data");
                from("mconnect-events:events?group=whole&test=false&bodyType=cloudevent").routeId("whole").to("mock:whole");
            }
        };
    }

    @Test
    void theTraceContextOfTheProducingExchangeIsTheTraceContextOfTheConsumingOne() {
        template.sendBodyAndHeaders("mconnect-events:events", "{\"order\":1}",
                headers("traced-1", Map.of(TRACE_PARENT, TRACE, TRACE_STATE, STATE)));

        CloudEvent event = receivedMessage("mock:whole").getBody(CloudEvent.class);
        assertThat(event.getExtension("traceparent")).isEqualTo(TRACE);
        assertThat(event.getExtension("tracestate")).isEqualTo(STATE);
        assertThat(receivedMessage("mock:data").getHeaders()).containsEntry(TRACE_PARENT, TRACE).containsEntry(TRACE_STATE, STATE);
    }

    @Test
    void otherExtensionAttributesTravelAsPrefixedHeadersKeepingBooleansAndIntegers() {
        Map<String, Object> extensions = Map.of(
                EXTENSION_PREFIX + "dataref", "https://files.example.md/orders/1",
                EXTENSION_PREFIX + "urgent", true,
                EXTENSION_PREFIX + "priority", 3,
                CLOUD_EVENT_DATA_SCHEMA, SCHEMA,
                PARTITION_KEY, "customer:1");

        template.sendBodyAndHeaders("mconnect-events:events", "{\"order\":2}", headers("structured-2", extensions));

        Message consumed = receivedMessage("mock:data");
        assertThat(consumed.getHeaders()).containsAllEntriesOf(extensions);
        assertThat(consumed.getHeaders()).as("no header for an attribute the event does not have")
                .doesNotContainKeys(TRACE_PARENT, TRACE_STATE);
    }

    @Test
    void inBinaryModeExtensionAttributesTravelAsTheHttpBindingsTextHeaders() {
        template.sendBodyAndHeaders("mconnect-events:events?format=binary", "{\"order\":2}", headers("binary-2", Map.of(
                TRACE_PARENT, TRACE,
                EXTENSION_PREFIX + "dataref", "https://files.example.md/orders/2",
                EXTENSION_PREFIX + "urgent", true,
                EXTENSION_PREFIX + "priority", 3,
                CLOUD_EVENT_DATA_SCHEMA, SCHEMA)));

        assertThat(receivedMessage("mock:data").getHeaders())
                .containsEntry(TRACE_PARENT, TRACE)
                .containsEntry(EXTENSION_PREFIX + "dataref", "https://files.example.md/orders/2")
                .containsEntry(EXTENSION_PREFIX + "urgent", "true")
                .containsEntry(EXTENSION_PREFIX + "priority", "3")
                .containsEntry(CLOUD_EVENT_DATA_SCHEMA, SCHEMA);
    }

    @Test
    void theExtensionAttributesOfACloudEventBodyArriveAsHeaders() {
        CloudEvent produced = CloudEventBuilder.v1(OrderEvents.order("whole-1", "customer:3"))
                .withDataSchema(URI.create(SCHEMA))
                .withExtension("traceparent", TRACE)
                .withExtension("dataref", "https://files.example.md/orders/3")
                .build();

        template.sendBody("mconnect-events:events", List.of(produced));

        assertThat(receivedMessage("mock:data").getHeaders())
                .containsEntry(TRACE_PARENT, TRACE)
                .containsEntry(EXTENSION_PREFIX + "dataref", "https://files.example.md/orders/3")
                .containsEntry(CLOUD_EVENT_DATA_SCHEMA, SCHEMA)
                .containsEntry(PARTITION_KEY, "customer:3")
                .doesNotContainKey(EXTENSION_PREFIX + "partitionkey");
    }

    @Test
    void aPrefixedHeaderThatNamesNoExtensionAttributeItMaySetIsRefusedBeforeSendingWithoutQuotingItsValue() {
        Map<String, String> refusals = new HashMap<>();
        for (String name : List.of("DataRef", "far-too-long-for-an-attribute", "time", "offset", "partitionkey", "traceparent")) {
            Exchange sent = template.send("mconnect-events:events", exchange -> {
                exchange.getMessage().setHeaders(headers("refused-" + name, Map.of(EXTENSION_PREFIX + name, "idnp:2009876543210")));
                exchange.getMessage().setBody("{\"order\":3}");
            });
            assertThat(sent.getException()).as(name).isInstanceOf(MConnectEventsRejectedException.class);
            refusals.put(name, sent.getException().getMessage());
        }

        assertThat(refusals.values()).allSatisfy(message -> assertThat(message)
                .contains("before sending").doesNotContain("2009876543210"));
        assertThat(refusals.get("DataRef")).contains("header " + EXTENSION_PREFIX + "DataRef", "1 to 20 lower-case letters or digits");
        assertThat(refusals.get("far-too-long-for-an-attribute")).contains("1 to 20 lower-case letters or digits");
        assertThat(refusals.get("time")).contains("not an extension attribute");
        assertThat(refusals.get("offset")).contains("the service adds it");
        assertThat(refusals.get("partitionkey")).contains("set " + PARTITION_KEY);
        assertThat(refusals.get("traceparent")).contains("set " + TRACE_PARENT);
        assertThat(EMULATOR.emulator().state().get("produced").asLong()).isZero();
    }

    private static Map<String, Object> headers(String id, Map<String, ?> more) {
        Map<String, Object> headers = new HashMap<>(more);
        headers.put(CLOUD_EVENT_ID, id);
        headers.put(MConnectEventsConstants.CLOUD_EVENT_SOURCE, SOURCE);
        headers.put(MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED);
        return headers;
    }

    /** The one message the mock received, once it did. */
    private Message receivedMessage(String mock) {
        MockEndpoint endpoint = getMockEndpoint(mock);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(endpoint.getReceivedCounter()).isEqualTo(1));
        return endpoint.getReceivedExchanges().get(0).getMessage();
    }
}
