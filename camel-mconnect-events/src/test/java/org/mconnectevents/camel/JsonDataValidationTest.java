package org.mconnectevents.camel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mconnectevents.client.MConnectEventsRejectedException;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_DATA_CONTENT_TYPE;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_ID;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_SOURCE;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_TYPE;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;
import static org.mconnectevents.camel.support.OrderEvents.orderCreated;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * Outgoing data is what it claims to be. A String or byte[] body sent as JSON data must be exactly one well-formed JSON
 * value, or it could close the event's object and forge attributes, or close a batch's element and smuggle an event in.
 * Structured, in a batch or in binary mode, anything else is refused before sending with
 * {@link MConnectEventsRejectedException} naming the event and the rule (never the data), and the service receives
 * nothing; one JSON value of any kind is sent and consumed byte for byte.
 */
class JsonDataValidationTest extends EmulatorRouteTestSupport {

    private static final String PRODUCE = "mconnect-events:events";
    private static final String SMUGGLING = "{\"a\":1}},{\"specversion\":\"1.0\",\"id\":\"smuggled\",\"source\":\"" + SOURCE
            + "\",\"type\":\"" + ORDER_CREATED + "\",\"data\":{\"b\":2}";

    private final Map<String, Exchange> consumed = new ConcurrentHashMap<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=json-data").routeId("consumer")
                        .process(exchange -> consumed.put(idOf(exchange), exchange));
            }
        };
    }

    static Stream<Arguments> notOneJsonValue() {
        return Stream.of(
                Arguments.of("forged attributes", "{\"a\":1},\"id\":\"forged-id\",\"type\":\"Forged.Type\""),
                Arguments.of("a smuggled event", SMUGGLING),
                Arguments.of("trailing garbage", "{\"a\":1} garbage after it"),
                Arguments.of("two values", "{\"a\":1} {\"b\":2}"),
                Arguments.of("no value at all", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notOneJsonValue")
    void aStructuredEventWhoseJsonDataIsNotOneValueIsRefusedAndNothingIsSent(String what, String body) {
        Exchange sent = produce(PRODUCE, body, headers("structured-1", "application/json"));

        assertRefusedBeforeSending(sent, "structured-1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notOneJsonValue")
    void aBatchWithOneEventWhoseJsonDataIsNotOneValueIsRefusedWholeAndNothingIsSent(String what, String body) {
        List<CloudEvent> batch = List.of(orderCreated("batch-0", "k", "{\"n\":0}"), orderCreated("batch-1", "k", body),
                orderCreated("batch-2", "k", "{\"n\":2}"));

        Exchange sent = produce(PRODUCE, batch, Map.of());

        assertRefusedBeforeSending(sent, "batch-1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notOneJsonValue")
    void aBinaryEventWhoseJsonDataIsNotOneValueIsRefusedBeforeTheServiceWouldRefuseIt(String what, String body) {
        Exchange sent = produce(PRODUCE + "?format=binary", body, headers("binary-1", "application/json"));

        assertRefusedBeforeSending(sent, "binary-1");
    }

    static Stream<Arguments> oneJsonValue() {
        return Stream.of(
                Arguments.of("object", "{\"order\":7,\"lines\":[{\"sku\":\"a\",\"qty\":2}]}"),
                Arguments.of("array", "[1,[2,3],{\"x\":[]}]"),
                Arguments.of("string", "\"a string with },{ and \\\"quotes\\\" inside\""),
                Arguments.of("number with many digits", "123456789012345678901234567890.000000000000000000001"),
                Arguments.of("true", "true"),
                Arguments.of("null", "null"),
                Arguments.of("nested", "{\"a\":{\"b\":{\"c\":[[[{\"d\":false}]]]}}}"),
                Arguments.of("unicode", "{\"name\":\"Ion \u0219i Ana, caf\u00e9 \ud83d\ude00\",\"escaped\":\"\\u0219\\n\"}"),
                Arguments.of("whitespace around", "  \n { \"spaced\" : [ 1 , 2 ] }\t\r\n "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneJsonValue")
    void oneJsonValueOfAnyKindIsSentAndConsumedByteForByteStructuredAndInABatch(String what, String data) {
        Exchange single = produce(PRODUCE, data, headers("single", "application/json"));
        Exchange batch = produce(PRODUCE, List.of(orderCreated("in-batch", "k", data)), Map.of());

        assertThat(single.getException()).isNull();
        assertThat(batch.getException()).isNull();
        within(20).untilAsserted(() -> assertThat(consumed).containsKeys("single", "in-batch"));
        // the data member of the event's JSON is the value: JSON whitespace around it belongs to the event's text
        assertThat(consumed.get("single").getMessage().getBody()).isEqualTo(data.trim());
        assertThat(consumed.get("in-batch").getMessage().getBody()).isEqualTo(data.trim());
    }

    /** In binary mode the service holds JSON data as JSON, not as text: it comes back equal as JSON, not byte for byte. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("oneJsonValue")
    void oneJsonValueOfAnyKindIsSentInBinaryMode(String what, String data) throws Exception {
        Exchange sent = produce(PRODUCE + "?format=binary", data, headers("binary", "application/json"));

        assertThat(sent.getException()).isNull();
        within(20).untilAsserted(() -> assertThat(consumed).containsKey("binary"));
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(consumed.get("binary").getMessage().getBody(String.class))).isEqualTo(json.readTree(data));
    }

    private Exchange produce(String uri, Object body, Map<String, Object> headers) {
        return template.send(uri, exchange -> {
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeaders(new LinkedHashMap<>(headers));
        });
    }

    private static Map<String, Object> headers(String id, String contentType) {
        return Map.of(CLOUD_EVENT_ID, id, CLOUD_EVENT_SOURCE, SOURCE, CLOUD_EVENT_TYPE, ORDER_CREATED,
                CLOUD_EVENT_DATA_CONTENT_TYPE, contentType);
    }

    private void assertRefusedBeforeSending(Exchange sent, String id) {
        assertThat(sent.getException()).isInstanceOfSatisfying(MConnectEventsRejectedException.class, refused -> {
            assertThat(refused.getStatus()).as("refused before sending").isZero();
            assertThat(refused.getMessage()).startsWith("Refused event (source=" + SOURCE + ", id=" + id + ") before sending: "
                    + "its data is not exactly one JSON value (").contains("says JSON")
                    .doesNotContain("forged").doesNotContain("Forged").doesNotContain("smuggled").doesNotContain("garbage");
        });
        assertThat(emulator.state().get("produced").asLong()).as("events the service stored").isZero();
    }
}
