package org.mconnectevents.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.CloudEventJson;
import org.mconnectevents.emulator.support.LongPollingClient;
import org.mconnectevents.emulator.support.Produce;
import org.mconnectevents.emulator.support.RecordingWebSocket;
import org.mconnectevents.emulator.support.TestClient;
import org.mconnectevents.emulator.support.UnusualEvents;
import org.mconnectevents.emulator.support.UnusualEvents.Unusual;

import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.emulator.support.Soon.soon;

/**
 * The service stores and delivers faithfully what CloudEvents 1.0 and PROTOCOL.md allow but few producers send (the
 * corpus of {@link UnusualEvents}): produced as a batch or one by one, each reaches a WebSocket consumer and a
 * long-polling one ({@code /events}, {@code /event}, and the binary mode of {@code /raw}) with its attributes and data
 * intact. The binary mode of producing ({@code /ce/produce/raw}) is shown in {@link UnusualRawEventsTest}.
 */
class UnusualEventsTest {

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml(UnusualEvents.YAML);

    private static final ObjectMapper EXACT = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

    private final List<RecordingWebSocket> sockets = new ArrayList<>();
    private Emulator emulator;
    private TestClient producer;
    private TestClient consumer;

    @BeforeEach
    void startFromAnEmptyService() {
        emulator = EMULATOR.emulator();
        emulator.reset();
        producer = TestClient.of(emulator, "producer");
        consumer = TestClient.of(emulator, "consumer");
    }

    @AfterEach
    void closeConsumers() {
        sockets.forEach(RecordingWebSocket::close);
    }

    @Test
    void everyEventOfABatchReachesAWebSocketConsumerIntact() {
        RecordingWebSocket session = consume();

        accepted(producer.produceBatch(batch(UnusualEvents.all())));

        soon().until(() -> session.count() == UnusualEvents.all().size());
        assertIntact(UnusualEvents.all(), session.events());
    }

    @Test
    void everyEventWithJsonDataProducedOneByOneReachesAWebSocketConsumerIntact() {
        RecordingWebSocket session = consume();
        List<Unusual> jsonData = UnusualEvents.all().stream().filter(Unusual::jsonDataOnly).toList();

        jsonData.forEach(event -> accepted(producer.post("ce/produce/event", Produce.STRUCTURED, event.json())));

        soon().until(() -> session.count() == jsonData.size());
        assertIntact(jsonData, session.events());
    }

    @Test
    void everyEventReachesALongPollingConsumerIntactInBatchesAndOneByOne() {
        LongPollingClient batches = LongPollingClient.create(consumer, "group=batches");
        LongPollingClient single = LongPollingClient.create(consumer, "group=single");
        accepted(producer.produceBatch(batch(UnusualEvents.all())));

        List<JsonNode> inBatches = new ArrayList<>();
        List<JsonNode> oneByOne = new ArrayList<>();
        while (inBatches.size() < UnusualEvents.all().size()) {
            CloudEventJson.parse(polled(batches.poll("events", "confirm=true")).body()).forEach(inBatches::add);
        }
        while (oneByOne.size() < UnusualEvents.all().size()) {
            oneByOne.add(CloudEventJson.parse(polled(single.poll("event", "confirm=true")).body()));
        }

        assertIntact(UnusualEvents.all(), inBatches);
        assertIntact(UnusualEvents.all(), oneByOne);
    }

    @Test
    void everyEventReachesALongPollingConsumerIntactInTheBinaryMode() {
        LongPollingClient instance = LongPollingClient.create(consumer, "");
        accepted(producer.produceBatch(batch(UnusualEvents.all())));
        Map<String, Unusual> byId = byId(UnusualEvents.all());

        for (int received = 0; received < byId.size(); received++) {
            HttpResponse<byte[]> response = instance.pollBytes("raw", "confirm=true");
            assertThat(response.statusCode()).isEqualTo(200);
            String id = decoded(response.headers().firstValue("ce-id").orElseThrow());
            assertBinaryForm(byId.get(id), response);
        }
    }

    @Test
    void anOptionalAttributeSentAsNullIsLeftOutOfTheBinaryMode() {
        LongPollingClient instance = LongPollingClient.create(consumer, "");
        accepted(producer.produceBatch("[" + CloudEventJson.event(UnusualEvents.SOURCE, "nulls", UnusualEvents.TYPE)
                .data("{\"a\":1}").tree().putNull("subject").putNull("nullext") + "]"));

        HttpResponse<byte[]> response = instance.pollBytes("raw", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ce-id")).hasValue("nulls");
        assertThat(response.headers().firstValue("ce-subject")).isEmpty();
        assertThat(response.headers().firstValue("ce-nullext")).isEmpty();
        assertThat(CloudEventJson.parse(new String(response.body(), StandardCharsets.UTF_8)))
                .isEqualTo(CloudEventJson.parse("{\"a\":1}"));
    }

    /** The binary mode: attributes as percent-encoded {@code ce-} headers, the data as the body. */
    private static void assertBinaryForm(Unusual event, HttpResponse<byte[]> response) {
        JsonNode sent = event.tree();
        JsonNode contentType = sent.get("datacontenttype");
        assertThat(response.headers().firstValue("Content-Type")).as(event.id())
                .hasValue(contentType == null ? "application/json" : contentType.asText());
        sent.fieldNames().forEachRemaining(name -> {
            if (!List.of("data", "data_base64", "datacontenttype").contains(name)) {
                assertThat(response.headers().firstValue("ce-" + name).map(UnusualEventsTest::decoded))
                        .as("%s: ce-%s", event.id(), name).hasValue(sent.get(name).asText());
            }
        });
        assertThat(response.headers().firstValue("ce-offset")).as(event.id()).isPresent();
        JsonNode data = exact(event.json()).get("data");
        if (data != null && !data.isNull() && isJson(sent.path("datacontenttype").asText("application/json"))) {
            assertThat(exact(new String(response.body(), StandardCharsets.UTF_8))).as("%s: the data", event.id())
                    .isEqualTo(data);
        } else {
            assertThat(response.body()).as("%s: the data", event.id()).isEqualTo(dataBytes(sent));
        }
    }

    /** Data that is not JSON as the binary mode carries it: its text or its bytes; none is an empty body. */
    private static byte[] dataBytes(JsonNode event) {
        if (event.has("data_base64")) {
            return Base64.getDecoder().decode(event.get("data_base64").asText());
        }
        JsonNode data = event.get("data");
        return data == null || data.isNull() ? new byte[0] : data.asText().getBytes(StandardCharsets.UTF_8);
    }

    /** JSON read with every digit of its numbers, as the service must keep them. */
    private static JsonNode exact(String json) {
        try {
            return EXACT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CloudEvents JSON format's rule: application/json, text/json or a +json suffix, any case, any parameters. */
    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.equals("text/json") || mediaType.endsWith("+json");
    }

    /** Each event received once, equal to what was produced but for the offset the service adds. */
    static void assertIntact(List<Unusual> produced, List<JsonNode> received) {
        Map<String, JsonNode> receivedById = new LinkedHashMap<>();
        for (JsonNode event : received) {
            ObjectNode withoutOffset = ((ObjectNode) event).deepCopy();
            assertThat(withoutOffset.remove("offset")).as("the offset of %s", event.get("id")).isNotNull();
            assertThat(receivedById.put(event.get("id").asText(), withoutOffset)).as("%s twice", event.get("id")).isNull();
        }
        assertThat(receivedById.keySet()).containsExactlyInAnyOrderElementsOf(byId(produced).keySet());
        produced.forEach(event -> assertThat(receivedById.get(event.id())).as(event.id()).isEqualTo(event.tree()));
    }

    private static Map<String, Unusual> byId(List<Unusual> events) {
        Map<String, Unusual> byId = new LinkedHashMap<>();
        events.forEach(event -> byId.put(event.id(), event));
        return byId;
    }

    private static String batch(List<Unusual> events) {
        return "[" + String.join(",", events.stream().map(Unusual::json).toList()) + "]";
    }

    /** A percent-encoded header value, decoded as the HTTP binding says ('+' is a plus, not a space). */
    static String decoded(String header) {
        return URLDecoder.decode(header.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> polled(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static void accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private RecordingWebSocket consume() {
        RecordingWebSocket socket = consumer.connect("");
        sockets.add(socket);
        return socket;
    }
}
