package org.mconnectevents.camel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.mconnectevents.camel.support.RegistryConsumption;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * Data of every JSON media type (the CloudEvents JSON format's rule: {@code application/json}, {@code text/json} and any
 * {@code +json} suffix, in any case, parameters ignored) travels as JSON: produced structured or in a batch, it reaches
 * the route over both transports with its data exactly as produced, as a String body. (Binary mode is left out: there
 * the service takes application/json only.)
 */
class JsonMediaTypesTest extends EmulatorRouteTestSupport {

    private static final String WEBSOCKET = "websocket";
    private static final String LONG_POLLING = "longpolling";

    private final List<Exchange> overWebSocket = new CopyOnWriteArrayList<>();
    private final List<Exchange> overLongPolling = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=" + WEBSOCKET).routeId(WEBSOCKET).process(overWebSocket::add);
                from("mconnect-events:events?group=" + LONG_POLLING + "&transport=longpolling").routeId(LONG_POLLING)
                        .process(overLongPolling::add);
            }
        };
    }

    /**
     * The silent loss: an event of a vendor JSON type with object data was confirmed to the service and never reached
     * the route. It must arrive, and so must the event after it on the same partition key.
     */
    @Test
    void anEventOfAVendorJsonTypeWithObjectDataReachesTheRouteOverBothTransports() throws Exception {
        CloudEvent vendor = CloudEventBuilder.v1().withId("vendor-1").withSource(URI.create(SOURCE)).withType(ORDER_CREATED)
                .withDataContentType("application/vnd.x+json").withExtension("partitionkey", "customer:1")
                .withData(JsonCloudEventData.wrap(new ObjectMapper().readTree("{\"order\":1}"))).build();
        CloudEvent next = CloudEventBuilder.v1(vendor).withId("after-vendor-1").withDataContentType("application/json")
                .withData("{\"order\":2}".getBytes(StandardCharsets.UTF_8)).build();

        template.sendBody("mconnect-events:events", List.of(vendor, next));

        for (List<Exchange> route : List.of(overWebSocket, overLongPolling)) {
            within(20).untilAsserted(() -> assertThat(route).extracting(EmulatorRouteTestSupport::idOf)
                    .containsExactly("vendor-1", "after-vendor-1"));
            assertThat(route.get(0).getMessage().getBody()).isEqualTo("{\"order\":1}");
            assertThat(route.get(0).getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_DATA_CONTENT_TYPE))
                    .isEqualTo("application/vnd.x+json");
        }
        within(20).untilAsserted(() -> {
            assertThat(RegistryConsumption.group(emulator, WEBSOCKET).confirmed()).isEqualTo(2);
            assertThat(RegistryConsumption.group(emulator, LONG_POLLING).confirmed()).isEqualTo(2);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/json", "application/merge-patch+json", "application/vnd.x+json",
            "application/vnd.mconnect.order.v2+json", "application/problem+json; charset=utf-8", "APPLICATION/JSON",
            "Application/Vnd.X+JSON"})
    void jsonDataOfEveryJsonMediaTypeReachesTheRouteIntactStructuredAndInABatch(String contentType) {
        String data = "{\"order\":7,\"amount\":12.500000000000000000001,\"name\":\"\u0219i\"}";

        template.sendBodyAndHeaders("mconnect-events:events", data, Map.of(MConnectEventsConstants.CLOUD_EVENT_ID, "structured",
                MConnectEventsConstants.CLOUD_EVENT_SOURCE, SOURCE, MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED,
                MConnectEventsConstants.CLOUD_EVENT_DATA_CONTENT_TYPE, contentType, MConnectEventsConstants.PARTITION_KEY, "k"));
        template.sendBody("mconnect-events:events", List.of(CloudEventBuilder.v1().withId("in-batch").withSource(URI.create(SOURCE))
                .withType(ORDER_CREATED).withExtension("partitionkey", "k")
                .withData(contentType, data.getBytes(StandardCharsets.UTF_8)).build()));

        for (List<Exchange> route : List.of(overWebSocket, overLongPolling)) {
            within(20).untilAsserted(() -> assertThat(route).extracting(EmulatorRouteTestSupport::idOf)
                    .containsExactly("structured", "in-batch"));
            for (Exchange exchange : route) {
                assertThat(exchange.getMessage().getBody()).isEqualTo(data);
                assertThat(exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_DATA_CONTENT_TYPE)).isEqualTo(contentType);
            }
        }
    }
}
