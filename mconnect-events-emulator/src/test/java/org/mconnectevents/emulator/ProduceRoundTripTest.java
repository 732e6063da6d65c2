package org.mconnectevents.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.CloudEventJson;
import org.mconnectevents.emulator.support.Produce;
import org.mconnectevents.emulator.support.RecordingWebSocket;
import org.mconnectevents.emulator.support.TestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mconnectevents.emulator.support.CloudEventJson.event;

/**
 * What a consumer receives of what was produced: {@code time} filled by the service when absent and kept when
 * given; data sent in the binary mode ({@code /ce/produce/raw}) as JSON, text or bytes arrives over WebSocket as
 * {@code data} or {@code data_base64}, and byte for byte through long polling's binary mode; {@code ce-}
 * headers become attributes.
 */
class ProduceRoundTripTest {

    private static final String TYPE = "EMU.Test.Thing.Happened";
    private static final String SOURCE = "urn:emu:producer";
    private static final Duration BOUND = Duration.ofSeconds(10);

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml("""
            pollTimeout: PT2S
            clients:
              - name: producer
                produces:
                  - type: EMU.Test.Thing.Happened
                    sources: [ "urn:emu:producer" ]
              - name: consumer
                consumes: [ EMU.Test.Thing.Happened ]
            """);

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
    void timeIsFilledByTheServiceWhenAbsent() {
        RecordingWebSocket consumer = consume();
        Instant before = Instant.now();

        accepted(Produce.event(producer, event(SOURCE, "untimed", TYPE).without("time")));

        JsonNode received = firstEvent(consumer);
        assertThat(received.has("time")).as(received.toString()).isTrue();
        assertThat(Instant.parse(received.get("time").asText()))
                .isBetween(before.minusSeconds(1), Instant.now());
    }

    @Test
    void timeGivenByTheProducerIsKept() {
        RecordingWebSocket consumer = consume();

        accepted(Produce.event(producer,
                event(SOURCE, "timed", TYPE).with("time", "2024-05-01T10:00:00+03:00")));

        assertThat(firstEvent(consumer).get("time").asText()).isEqualTo("2024-05-01T10:00:00+03:00");
    }

    @Test
    void rawJsonDataArrivesAsJsonData() {
        RecordingWebSocket consumer = consume();

        accepted(Produce.raw(producer, Produce.rawHeaders(SOURCE, "raw-json", TYPE), "application/json",
                "{\"name\":\"Ion\",\"age\":30}".getBytes(StandardCharsets.UTF_8)));

        JsonNode received = firstEvent(consumer);
        assertThat(received.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(received.get("data")).isEqualTo(CloudEventJson.parse("{\"name\":\"Ion\",\"age\":30}"));
    }

    @Test
    void rawTextArrivesAsAStringInData() {
        RecordingWebSocket consumer = consume();

        accepted(Produce.raw(producer, Produce.rawHeaders(SOURCE, "raw-text", TYPE), "text/plain",
                "Bună ziua".getBytes(StandardCharsets.UTF_8)));

        JsonNode received = firstEvent(consumer);
        assertThat(received.get("datacontenttype").asText()).isEqualTo("text/plain");
        assertThat(received.get("data").asText()).isEqualTo("Bună ziua");
    }

    @Test
    void rawBytesArriveAsDataBase64() {
        RecordingWebSocket consumer = consume();

        accepted(Produce.raw(producer, Produce.rawHeaders(SOURCE, "raw-bytes", TYPE),
                "application/octet-stream", new byte[] {0, 1, 2, (byte) 0xff}));

        JsonNode received = firstEvent(consumer);
        assertThat(received.get("datacontenttype").asText()).isEqualTo("application/octet-stream");
        assertThat(received.has("data")).isFalse();
        assertThat(received.get("data_base64").asText()).isEqualTo("AAEC/w==");
    }

    @Test
    void rawOptionalAttributesAndExtensionsTravelAsAttributes() {
        RecordingWebSocket consumer = consume();
        Map<String, String> headers = Produce.rawHeaders(SOURCE, "raw-attributes", TYPE);
        headers.put("ce-subject", "%C8%98tefan"); // percent-encoded UTF-8, as the HTTP binding says
        headers.put("ce-time", "2024-05-01T10:00:00Z");
        headers.put("ce-partitionkey", "idnp:2134567890123");
        headers.put("ce-traceparent", "00-abc-01");

        accepted(Produce.raw(producer, headers, "application/json", "{}".getBytes(StandardCharsets.UTF_8)));

        JsonNode received = firstEvent(consumer);
        assertThat(received.get("subject").asText()).isEqualTo("Ștefan");
        assertThat(received.get("time").asText()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(received.get("partitionkey").asText()).isEqualTo("idnp:2134567890123");
        assertThat(received.get("traceparent").asText()).isEqualTo("00-abc-01");
        assertThat(received.get("offset").asText()).matches("\\d+");
    }

    @Test
    void rawBytesComeBackByteForByteThroughLongPolling() {
        byte[] data = {0, 1, 2, (byte) 0xff, '\n'};
        TestClient consumer = TestClient.of(emulator, "consumer");
        HttpResponse<String> created = consumer.send(consumer.request("ce/consumers")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        URI base = URI.create(created.headers().firstValue("Location").orElseThrow());

        accepted(Produce.raw(producer, Produce.rawHeaders(SOURCE, "raw-poll", TYPE),
                "application/octet-stream", data));

        HttpResponse<byte[]> polled = pollRaw(consumer, base);
        assertThat(polled.statusCode()).isEqualTo(200);
        assertThat(polled.body()).containsExactly(data);
        assertThat(polled.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(polled.headers().firstValue("ce-id")).hasValue("raw-poll");
        assertThat(polled.headers().firstValue("ce-source")).hasValue(SOURCE);
        consumer.send(HttpRequest.newBuilder(base).DELETE().build());
    }

    private HttpResponse<byte[]> pollRaw(TestClient consumer, URI base) {
        try {
            return consumer.http().send(HttpRequest.newBuilder(URI.create(base + "/raw"))
                    .timeout(BOUND).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private JsonNode firstEvent(RecordingWebSocket consumer) {
        await().atMost(BOUND).until(() -> consumer.count() >= 1);
        return consumer.events().get(0);
    }

    private RecordingWebSocket consume() {
        RecordingWebSocket socket = TestClient.of(emulator, "consumer").connect("");
        sockets.add(socket);
        return socket;
    }
}
