package org.mconnectevents.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One rule for JSON data, on every path: the CloudEvents JSON format's media types (any case, parameters ignored, none
 * at all meaning application/json) are JSON, and JSON data is written only when it is exactly one well-formed JSON
 * value, byte for byte as given. Anything else is refused naming the event and the rule, never quoting the data.
 */
class JsonDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ATTRIBUTES = "\"specversion\":\"1.0\",\"id\":\"order-7\",\"source\":\"urn:test:registry\","
            + "\"type\":\"MCE.Test.Order.Created\"";

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/json", "application/merge-patch+json", "application/vnd.x+json",
            "application/vnd.mconnect.order.v2+json", "application/problem+json; charset=utf-8", "APPLICATION/JSON",
            "Application/Vnd.X+JSON", " application/json ; charset=utf-8", "text/x.y+json"})
    void theseContentTypesAreJson(String contentType) {
        assertThat(JsonData.isJson(contentType)).isTrue();
    }

    @Test
    void noContentTypeMeansApplicationJson() {
        assertThat(JsonData.isJson(null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/octet-stream", "application/jsonx", "application/json-seq",
            "application/x-json-stream", "+json", "application/+json", "/+json", "json", "", "text/plain; note=+json"})
    void theseContentTypesAreNotJson(String contentType) {
        assertThat(JsonData.isJson(contentType)).isFalse();
    }

    /** Data that claims to be JSON and is not one value: forged attributes, a smuggled event, garbage, nothing. */
    static Stream<String> notOneJsonValue() {
        return Stream.of(
                "{\"a\":1},\"id\":\"forged-id\",\"type\":\"Forged.Type\"",
                "{\"a\":1}},{\"specversion\":\"1.0\",\"id\":\"smuggled\",\"source\":\"urn:test:registry\","
                        + "\"type\":\"MCE.Test.Order.Created\",\"data\":{\"b\":2}",
                "{\"a\":1} garbage after it",
                "{\"a\":1}}",
                "{\"a\":1} {\"b\":2}",
                "1 2",
                "",
                "   \n",
                "{\"a\":",
                "\"unterminated",
                "{'single':'quotes'}",
                "{\"a\":1} // a comment",
                "NaN",
                "\uFEFF{\"a\":1}",
                "{\"a\":\"\u0000\"}");
    }

    @ParameterizedTest
    @MethodSource("notOneJsonValue")
    void theJsonFormRefusesDataThatIsNotOneJsonValueWithoutQuotingIt(String data) {
        CloudEvent event = event("application/json", data);

        assertThatThrownBy(() -> EventCodec.toJson(event)).isInstanceOfSatisfying(MConnectEventsRejectedException.class,
                refused -> assertRefusalNamesTheRuleNotTheData(refused, data));
    }

    @ParameterizedTest
    @MethodSource("notOneJsonValue")
    void binaryModeRefusesDataThatIsNotOneJsonValueToo(String data) {
        CloudEvent event = event("application/vnd.x+json", data);

        assertThatThrownBy(() -> EventCodec.toBinary(event)).isInstanceOfSatisfying(MConnectEventsRejectedException.class,
                refused -> assertRefusalNamesTheRuleNotTheData(refused, data));
    }

    @Test
    void dataWithoutAContentTypeIsCheckedAsApplicationJson() {
        CloudEvent event = CloudEventBuilder.v1(event("application/json", "{}"))
                .withData(null, "{\"a\":1},\"id\":\"forged-id\"".getBytes(StandardCharsets.UTF_8)).build();

        assertThatThrownBy(() -> EventCodec.toJson(event)).isInstanceOf(MConnectEventsRejectedException.class)
                .hasMessageContaining("datacontenttype (none, so application/json)");
    }

    /** One JSON value of every kind, spaced and written as a person would. */
    static Stream<String> oneJsonValue() {
        return Stream.of(
                "{\"order\":7,\"lines\":[{\"sku\":\"a\",\"qty\":2}]}",
                "[1,[2,3],{\"x\":[]}]",
                "\"a JSON string with \\\"quotes\\\" and },{ inside\"",
                "123456789012345678901234567890.000000000000000000001e-7",
                "-0",
                "true",
                "false",
                "null",
                "{\"deep\":{\"deeper\":{\"deepest\":[[[[{\"x\":null}]]]]}}}",
                "{\"name\":\"Ion \u0219i Ana, caf\u00e9 \ud83d\ude00\",\"escaped\":\"\\u0219\\n\"}",
                "  \n\t{ \"spaced\" : [ 1 , 2 ] }\r\n ",
                "{\"a\":1,\"a\":2}");
    }

    @ParameterizedTest
    @MethodSource("oneJsonValue")
    void oneJsonValueIsWrittenByteForByteWhateverItsJsonMediaType(String data) throws IOException {
        for (String contentType : new String[] {"application/json", "text/json", "application/vnd.x+json", "APPLICATION/JSON"}) {
            CloudEvent event = event(contentType, data);

            byte[] json = EventCodec.toJson(event);

            assertThat(new String(json, StandardCharsets.UTF_8)).as(contentType).contains("\"data\":" + data + "}");
            JsonNode parsed = JSON.readTree(json);
            assertThat(parsed.get("id").asText()).isEqualTo("order-7");
            assertThat(parsed.get("type").asText()).isEqualTo("MCE.Test.Order.Created");
            assertThat(EventCodec.toBinary(event).body().getBytes()).isEqualTo(data.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void dataThatIsNotJsonIsNotChecked() {
        CloudEvent text = event("text/plain", "{\"a\":1},\"id\":\"forged-id\"");

        assertThat(new String(EventCodec.toJson(text), StandardCharsets.UTF_8)).contains("\"data_base64\":").doesNotContain("forged");
        assertThat(EventCodec.toBinary(text).body().toString()).isEqualTo("{\"a\":1},\"id\":\"forged-id\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/vnd.x+json", "application/merge-patch+json", "Application/JSON", "text/json"})
    void consumedJsonDataOfEveryJsonMediaTypeIsReadAsSent(String contentType) {
        String data = "{ \"order\": 7, \"amount\": 12.500000000000000000001 }";
        String frame = "{" + ATTRIBUTES + ",\"datacontenttype\":\"" + contentType + "\",\"data\":" + data + ",\"offset\":\"3\"}";

        ConsumedEvent consumed = EventCodec.consumed(frame.getBytes(StandardCharsets.UTF_8));

        assertThat(consumed.offset()).isEqualTo(3);
        assertThat(consumed.event().getDataContentType()).isEqualTo(contentType);
        assertThat(new String(consumed.event().getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo(data);
    }

    @Test
    void anEventReadFromTheJsonFormKeepsVendorJsonDataAsJson() {
        CloudEvent event = event("application/vnd.x+json", "{\"order\":7}");
        String stored = "{" + ATTRIBUTES + ",\"datacontenttype\":\"application/vnd.x+json\",\"data\":{\"order\":7}}";

        CloudEvent read = EventCodec.fromJson(stored.getBytes(StandardCharsets.UTF_8));

        assertThat(read.getDataContentType()).isEqualTo("application/vnd.x+json");
        assertThat(read.getData().toBytes()).isEqualTo("{\"order\":7}".getBytes(StandardCharsets.UTF_8));
        assertThat(EventCodec.toJson(read)).isEqualTo(EventCodec.toJson(event));
    }

    private static void assertRefusalNamesTheRuleNotTheData(MConnectEventsRejectedException refused, String data) {
        assertThat(refused.getStatus()).isZero();
        assertThat(refused.getMessage())
                .startsWith("Refused event (source=urn:test:registry, id=order-7) before sending: its data is not exactly one "
                        + "JSON value (")
                .contains("says JSON");
        for (String quoted : new String[] {"forged", "Forged", "smuggled", "garbage", "quotes", "comment", "NaN", "unterminated"}) {
            if (data.contains(quoted)) {
                assertThat(refused.getMessage()).doesNotContain(quoted);
            }
        }
    }

    private static CloudEvent event(String contentType, String data) {
        return CloudEventBuilder.v1().withId("order-7").withSource(URI.create("urn:test:registry")).withType("MCE.Test.Order.Created")
                .withData(contentType, data.getBytes(StandardCharsets.UTF_8)).build();
    }
}
