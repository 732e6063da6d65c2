package org.mconnectevents.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.CloudEventJson;
import org.mconnectevents.emulator.support.LongPollingClient;
import org.mconnectevents.emulator.support.Produce;
import org.mconnectevents.emulator.support.RecordingWebSocket;
import org.mconnectevents.emulator.support.TestClient;
import org.mconnectevents.emulator.support.UnusualEvents;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.emulator.support.Soon.soon;
import static org.mconnectevents.emulator.support.UnusualEvents.SOURCE;
import static org.mconnectevents.emulator.support.UnusualEvents.TIME;
import static org.mconnectevents.emulator.support.UnusualEvents.TYPE;

/**
 * Unusual but valid events produced in the binary mode ({@code /ce/produce/raw}): every content type the endpoint
 * takes, with parameters and in upper case, {@code null} and empty bodies, percent-encoded unicode in every
 * attribute; each reaches a consumer as the structured event it stands for. And the event-size limit at its exact
 * edge on each produce endpoint: an event of exactly {@code maxEventSize} (64 KiB) is stored and delivered, one byte
 * more is refused with 413.
 */
class UnusualRawEventsTest {

    private static final int MAX_EVENT = 64 * 1024;
    private static final Pattern EVENT_SIZE = Pattern.compile("the event is (\\d+) bytes");

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml(UnusualEvents.YAML);

    private final List<RecordingWebSocket> sockets = new ArrayList<>();
    private Emulator emulator;
    private TestClient producer;

    @BeforeEach
    void startFromAnEmptyService() {
        emulator = EMULATOR.emulator();
        emulator.reset();
        producer = TestClient.of(emulator, "producer");
    }

    @AfterEach
    void closeConsumers() {
        sockets.forEach(RecordingWebSocket::close);
    }

    @Test
    void jsonDataWithParametersOrInUpperCaseArrivesAsJsonDataUnderTheContentTypeAsSent() {
        assertThat(storedFromRaw("application/json; charset=utf-8", "{\"a\":\"ș😀\"}"))
                .isEqualTo(expected("application/json; charset=utf-8").set("data", json("{\"a\":\"ș😀\"}")));
        assertThat(storedFromRaw("APPLICATION/JSON", "[1,2]"))
                .isEqualTo(expected("APPLICATION/JSON").set("data", json("[1,2]")));
    }

    @Test
    void jsonNumbersKeepTheirDigitsOnTheWayInAndOut() {
        String data = "{\"decimal\":12345678901234567890.5,\"big\":123456789012345678901234567890,\"scale\":1.50}";
        LongPollingClient instance = LongPollingClient.create(TestClient.of(emulator, "consumer"), "group=binary");
        RecordingWebSocket session = consume();
        Map<String, String> headers = Produce.rawHeaders(SOURCE, "digits", TYPE);
        headers.put("ce-time", TIME);

        HttpResponse<String> produced = Produce.raw(producer, headers, "application/json", data.getBytes(StandardCharsets.UTF_8));

        assertThat(produced.statusCode()).as(produced.body()).isEqualTo(202);
        soon().until(() -> session.frameCount() == 1);
        assertThat(session.frames().get(0)).contains(data);
        assertThat(new String(instance.pollBytes("raw", "").body(), StandardCharsets.UTF_8)).isEqualTo(data);
    }

    @Test
    void jsonNullDataArrivesAsNullData() {
        assertThat(storedFromRaw("application/json", "null"))
                .isEqualTo(expected("application/json").set("data", json("null")));
    }

    @Test
    void anEmptyBodyIsAnEventWithoutData() {
        assertThat(storedFromRaw("application/json", "")).isEqualTo(expected("application/json"));
        assertThat(storedFromRaw("text/plain", "")).isEqualTo(expected("text/plain"));
        assertThat(storedFromRaw("application/octet-stream", "")).isEqualTo(expected("application/octet-stream"));
    }

    @Test
    void textDataWithParametersOrInUpperCaseArrivesAsAString() {
        assertThat(storedFromRaw("text/plain; charset=utf-8", "Bună ziua, 世界 😀\n\"quoted\""))
                .isEqualTo(expected("text/plain; charset=utf-8").put("data", "Bună ziua, 世界 😀\n\"quoted\""));
        assertThat(storedFromRaw("TEXT/PLAIN", "x")).isEqualTo(expected("TEXT/PLAIN").put("data", "x"));
    }

    @Test
    void percentEncodedUnicodeInEveryAttributeArrivesDecoded() {
        String id = "unicode-ș-世界-😀";
        String subject = "Subiect: Ștefan Țurcanu, Ярослав 😀 \"q\" % + \\ /";
        Map<String, String> headers = Produce.rawHeaders(encoded(UnusualEvents.UNICODE_SOURCE), encoded(id),
                encoded(UnusualEvents.UNICODE_TYPE));
        headers.put("ce-time", TIME);
        headers.put("ce-subject", encoded(subject));
        headers.put("ce-partitionkey", encoded("cheie:ș-😀"));
        headers.put("ce-nume", encoded("Ярослав 😀"));
        headers.put("ce-intext", "42");

        JsonNode received = storedFromRaw(headers, "application/json", "{\"a\":1}");

        ObjectNode expected = CloudEventJson.event(UnusualEvents.UNICODE_SOURCE, id, UnusualEvents.UNICODE_TYPE)
                .with("time", TIME).with("subject", subject).with("partitionkey", "cheie:ș-😀").with("nume", "Ярослав 😀")
                .with("intext", "42").with("datacontenttype", "application/json").data("{\"a\":1}").tree();
        assertThat(received).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ce/produce/event", "ce/produce/events", "ce/produce/raw"})
    void anEventOfExactlyTheLimitIsStoredAndDeliveredAndOneByteMoreIsRefused(String endpoint) {
        RecordingWebSocket session = consume();

        HttpResponse<String> atLimit = produceOfSize(endpoint, "at-limit", MAX_EVENT);
        HttpResponse<String> overLimit = produceOfSize(endpoint, "over-limit", MAX_EVENT + 1);

        assertThat(atLimit.statusCode()).as(atLimit.body()).isEqualTo(202);
        assertThat(overLimit.statusCode()).isEqualTo(413);
        assertThat(overLimit.body()).contains("id over-limit", "the event is " + (MAX_EVENT + 1) + " bytes");
        soon().until(() -> session.count() == 1);
        ObjectNode received = (ObjectNode) session.events().get(0);
        received.remove("offset");
        assertThat(received.get("id").asText()).isEqualTo("at-limit");
        assertThat(received.toString().getBytes(StandardCharsets.UTF_8)).hasSize(MAX_EVENT);
    }

    /** Produces an event whose stored JSON form is {@code size} bytes, on any of the three endpoints. */
    private HttpResponse<String> produceOfSize(String endpoint, String id, int size) {
        if (endpoint.endsWith("raw")) {
            // the stored form of binary data is the service's to write: the 413 of an oversized probe says its size
            HttpResponse<String> probe = rawText(id, size);
            Matcher stored = EVENT_SIZE.matcher(probe.body());
            assertThat(stored.find()).as(probe.body()).isTrue();
            return rawText(id, size - (Integer.parseInt(stored.group(1)) - size));
        }
        CloudEventJson event = CloudEventJson.event(SOURCE, id, TYPE).with("time", TIME).data("\"\"");
        int padding = size - event.json().getBytes(StandardCharsets.UTF_8).length;
        String json = event.data("\"" + "x".repeat(padding) + "\"").json();
        assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSize(size);
        return endpoint.endsWith("events") ? producer.produceBatch("[" + json + "]")
                : producer.post(endpoint, Produce.STRUCTURED, json);
    }

    private HttpResponse<String> rawText(String id, int dataLength) {
        Map<String, String> headers = Produce.rawHeaders(SOURCE, id, TYPE);
        headers.put("ce-time", TIME);
        return Produce.raw(producer, headers, "text/plain", "x".repeat(dataLength).getBytes(StandardCharsets.UTF_8));
    }

    /** What a WebSocket consumer receives of data produced raw with the usual attributes, without its offset. */
    private JsonNode storedFromRaw(String contentType, String body) {
        Map<String, String> headers = Produce.rawHeaders(SOURCE, "raw", TYPE);
        headers.put("ce-time", TIME);
        return storedFromRaw(headers, contentType, body);
    }

    private JsonNode storedFromRaw(Map<String, String> headers, String contentType, String body) {
        emulator.reset();
        RecordingWebSocket session = consume();
        HttpResponse<String> response = Produce.raw(producer, headers, contentType, body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        soon().until(() -> session.count() == 1);
        ObjectNode received = (ObjectNode) session.events().get(0);
        received.remove("offset");
        return received;
    }

    /** The event {@link #storedFromRaw(String, String)} stands for, before its data. */
    private static ObjectNode expected(String contentType) {
        return CloudEventJson.event(SOURCE, "raw", TYPE).with("time", TIME).with("datacontenttype", contentType).tree();
    }

    /** Percent-encodes a header value as the HTTP binding says (UTF-8; a space as %20, never '+'). */
    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode json(String text) {
        return CloudEventJson.parse(text);
    }

    private RecordingWebSocket consume() {
        RecordingWebSocket socket = TestClient.of(emulator, "consumer").connect("");
        sockets.add(socket);
        return socket;
    }
}
