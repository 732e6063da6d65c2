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
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mconnectevents.emulator.support.CloudEventJson.event;

/**
 * Every answer of the three produce endpoints, as PROTOCOL.md and issue 2 list them: 202 when the events are
 * stored; 400 malformed, 401 not authorized, 413 too large, each with a plain-text body naming the event and
 * the rule. A batch is stored all or nothing. Read with the JDK's HTTP client, not our component.
 */
class ProduceStatusCodesTest {

    private static final String TYPE = "EMU.Test.Thing.Happened";
    private static final String SOURCE = "urn:emu:producer";
    private static final String OTHER_TYPE = "EMU.Test.Other.Happened";
    private static final String OTHER_SOURCE = "urn:emu:other";
    private static final Duration BOUND = Duration.ofSeconds(10);

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml("""
            clients:
              - name: producer
                idno: "1003600000001"
                produces:
                  - type: EMU.Test.Thing.Happened
                    sources: [ "urn:emu:producer" ]
                  - type: EMU.Test.Other.Happened
                    sources: [ "urn:emu:other" ]
              - name: consumer
                idno: "1003600000002"
                consumes: [ EMU.Test.Thing.Happened, EMU.Test.Other.Happened ]
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

    // ---- accepted: 202 ----

    @Test
    void rawEventIsAcceptedWith202() {
        HttpResponse<String> response = Produce.raw(producer, Produce.rawHeaders(SOURCE, "raw-1", TYPE),
                "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(produced()).isEqualTo(1);
    }

    @Test
    void structuredEventIsAcceptedWith202() {
        HttpResponse<String> response = Produce.event(producer, event(SOURCE, "event-1", TYPE).data("{\"a\":1}"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(produced()).isEqualTo(1);
    }

    @Test
    void batchIsAcceptedWith202AndStoresEveryEvent() {
        HttpResponse<String> response = Produce.batch(producer,
                event(SOURCE, "batch-1", TYPE).data("{\"a\":1}"),
                event(SOURCE, "batch-2", TYPE).data("{\"a\":2}"),
                event(OTHER_SOURCE, "batch-3", OTHER_TYPE).data("{\"a\":3}"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(produced()).isEqualTo(3);
    }

    @Test
    void mediaTypeParametersDoNotMatter() {
        HttpResponse<String> response = producer.post("ce/produce/event",
                "application/cloudevents+json; charset=utf-8", event(SOURCE, "charset-1", TYPE).json());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    // ---- malformed: 400 ----

    @Test
    void structuredBodyThatIsNotJson() {
        HttpResponse<String> response = producer.post("ce/produce/event", Produce.STRUCTURED,
                "{\"specversion\":\"1.0\",");

        assertRefused(response, 400, "not valid JSON");
    }

    @Test
    void batchBodyThatIsNotJson() {
        assertRefused(producer.post("ce/produce/events", Produce.BATCH, "[{]"), 400, "not valid JSON");
    }

    @Test
    void batchBodyThatIsNotAnArray() {
        HttpResponse<String> response = producer.post("ce/produce/events", Produce.BATCH,
                event(SOURCE, "single", TYPE).json());

        assertRefused(response, 400, "not a JSON array");
    }

    @Test
    void rawJsonDataThatIsNotJson() {
        HttpResponse<String> response = Produce.raw(producer, Produce.rawHeaders(SOURCE, "raw-bad", TYPE),
                "application/json", "{not json".getBytes(StandardCharsets.UTF_8));

        assertRefused(response, 400, "source " + SOURCE, "id raw-bad", "not valid JSON");
    }

    @Test
    void structuredEventWithoutId() {
        HttpResponse<String> response = Produce.event(producer, event(SOURCE, "x", TYPE).without("id"));

        assertRefused(response, 400, "source " + SOURCE, "id missing", "attribute id is required");
    }

    @Test
    void structuredEventWithoutType() {
        HttpResponse<String> response = Produce.event(producer, event(SOURCE, "no-type", TYPE).without("type"));

        assertRefused(response, 400, "source " + SOURCE, "id no-type", "attribute type is required");
    }

    @Test
    void rawEventWithoutTheCeTypeHeader() {
        Map<String, String> headers = Produce.rawHeaders(SOURCE, "raw-no-type", TYPE);
        headers.remove("ce-type");

        HttpResponse<String> response = Produce.raw(producer, headers, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));

        assertRefused(response, 400, "source " + SOURCE, "id raw-no-type", "header ce-type is required");
    }

    @Test
    void rawEventWithoutTheCeSpecversionHeader() {
        Map<String, String> headers = Produce.rawHeaders(SOURCE, "raw-no-version", TYPE);
        headers.remove("ce-specversion");

        HttpResponse<String> response = Produce.raw(producer, headers, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));

        assertRefused(response, 400, "id raw-no-version", "header ce-specversion is required");
    }

    @Test
    void sourceThatIsNotAUri() {
        HttpResponse<String> response = Produce.event(producer, event("urn:emu producer", "bad-source", TYPE));

        assertRefused(response, 400, "source urn:emu producer", "id bad-source", "is not a URI");
    }

    @Test
    void timeInTheFuture() {
        String future = Instant.now().plus(Duration.ofHours(1)).toString();

        HttpResponse<String> response = Produce.event(producer,
                event(SOURCE, "future", TYPE).with("time", future));

        assertRefused(response, 400, "source " + SOURCE, "id future", "is in the future");
    }

    @Test
    void timeThatIsNotRfc3339() {
        HttpResponse<String> response = Produce.event(producer,
                event(SOURCE, "bad-time", TYPE).with("time", "yesterday"));

        assertRefused(response, 400, "id bad-time", "not an RFC 3339 timestamp");
    }

    @Test
    void specversionOtherThan1_0() {
        HttpResponse<String> response = Produce.event(producer,
                event(SOURCE, "old", TYPE).with("specversion", "0.3"));

        assertRefused(response, 400, "source " + SOURCE, "id old", "specversion must be \"1.0\"");
    }

    @Test
    void rawSpecversionOtherThan1_0() {
        Map<String, String> headers = Produce.rawHeaders(SOURCE, "raw-old", TYPE);
        headers.put("ce-specversion", "0.3");

        HttpResponse<String> response = Produce.raw(producer, headers, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));

        assertRefused(response, 400, "id raw-old", "specversion must be \"1.0\"");
    }

    @Test
    void binaryDataOnTheStructuredEndpoint() {
        HttpResponse<String> response = Produce.event(producer,
                event(SOURCE, "base64", TYPE).with("data_base64", "AAEC"));

        assertRefused(response, 400, "source " + SOURCE, "id base64", "data_base64 is not accepted here");
    }

    @Test
    void structuredEventSentAsPlainJson() {
        HttpResponse<String> response = producer.post("ce/produce/event", "application/json",
                event(SOURCE, "plain-json", TYPE).json());

        assertRefused(response, 400, "Content-Type application/json is not accepted here",
                Produce.STRUCTURED);
    }

    @Test
    void batchSentAsASingleEvent() {
        HttpResponse<String> response = producer.post("ce/produce/events", Produce.STRUCTURED,
                CloudEventJson.batch(event(SOURCE, "wrong-type", TYPE)));

        assertRefused(response, 400, "is not accepted here", Produce.BATCH);
    }

    @Test
    void rawDataOfAnotherMediaType() {
        HttpResponse<String> response = Produce.raw(producer, Produce.rawHeaders(SOURCE, "xml", TYPE),
                "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8));

        assertRefused(response, 400, "Content-Type application/xml is not accepted here");
    }

    @Test
    void rawDataWithoutContentType() {
        HttpResponse<String> response = Produce.raw(producer, Produce.rawHeaders(SOURCE, "untyped", TYPE),
                null, "{}".getBytes(StandardCharsets.UTF_8));

        assertRefused(response, 400, "is not accepted here");
    }

    // ---- not authorized: 401 ----

    @Test
    void clientThatIsNotRegistered() {
        Instant now = Instant.now();
        TestClient stranger = TestClient.withKeyStore(emulator, emulator.certificates()
                .mintClient("stranger", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1))));

        HttpResponse<String> response = Produce.event(stranger, event(SOURCE, "stranger-1", TYPE));

        assertRefused(response, 401, "client stranger is not registered");
        assertThat(produced()).isZero();
    }

    @Test
    void typeTheProducerMayNotProduce() {
        HttpResponse<String> response = Produce.event(producer,
                event(SOURCE, "foreign-type", "EMU.Test.Secret.Happened"));

        assertRefused(response, 401, "source " + SOURCE, "id foreign-type",
                "client producer is not allowed to produce type EMU.Test.Secret.Happened");
    }

    @Test
    void sourceNotAllowedForTheType() {
        // urn:emu:other is allowed, but only for the other type
        HttpResponse<String> response = Produce.event(producer, event(OTHER_SOURCE, "foreign-source", TYPE));

        assertRefused(response, 401, "source " + OTHER_SOURCE, "id foreign-source",
                "not allowed to use source " + OTHER_SOURCE + " for type " + TYPE);
    }

    @Test
    void rawEventWithASourceNotAllowed() {
        HttpResponse<String> response = Produce.raw(producer,
                Produce.rawHeaders("urn:emu:elsewhere", "raw-foreign", TYPE), "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));

        assertRefused(response, 401, "source urn:emu:elsewhere", "id raw-foreign", "not allowed to use source");
    }

    // ---- too large: 413 ----

    @Test
    void requestOverOneMebibyte() {
        // 20 events of about 60 KB: each is under the event limit, together over the request limit
        String chunk = "x".repeat(60_000);
        List<CloudEventJson> events = IntStream.range(0, 20)
                .mapToObj(i -> event(SOURCE, "big-" + i, TYPE).data("\"" + chunk + "\"")).toList();

        HttpResponse<String> response = Produce.batch(producer, events);

        assertRefused(response, 413, "over the limit of 1048576 bytes per request");
        assertThat(produced()).isZero();
    }

    @Test
    void eventOver64Kibibytes() {
        String data = "\"" + "x".repeat(64 * 1024) + "\"";

        HttpResponse<String> response = Produce.event(producer, event(SOURCE, "huge", TYPE).data(data));

        assertRefused(response, 413, "source " + SOURCE, "id huge", "over the limit of 65536 bytes per event");
    }

    @Test
    void rawEventOver64Kibibytes() {
        byte[] data = ("\"" + "x".repeat(64 * 1024) + "\"").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = Produce.raw(producer, Produce.rawHeaders(SOURCE, "raw-huge", TYPE),
                "application/json", data);

        assertRefused(response, 413, "id raw-huge", "over the limit of 65536 bytes per event");
    }

    // ---- wrong address: 404 ----

    @Test
    void aProduceUrlThatDoesNotExist() {
        HttpResponse<String> response = producer.post("ce/produce/evnts", Produce.BATCH,
                CloudEventJson.batch(event(SOURCE, "typo", TYPE)));

        assertRefused(response, 404, "POST /ce/produce/evnts is not an MConnect Events endpoint");
        assertThat(produced()).isZero();
    }

    @Test
    void aProduceEndpointReadWithGet() {
        HttpResponse<String> response = producer.send(producer.request("ce/produce/event").GET().build());

        assertRefused(response, 404, "GET /ce/produce/event is not an MConnect Events endpoint");
    }

    // ---- batches: all or nothing ----

    @Test
    void oneUnauthorizedEventRejectsTheWholeBatch() {
        RecordingWebSocket consumer = consume();

        HttpResponse<String> response = Produce.batch(producer,
                event(SOURCE, "b-1", TYPE),
                event("urn:emu:elsewhere", "b-2", TYPE),
                event(SOURCE, "b-3", TYPE));

        assertRefused(response, 401, "event 1 of the batch", "source urn:emu:elsewhere", "id b-2");
        assertThat(produced()).isZero();
        assertReceivesOnlyTheMarker(consumer);
    }

    @Test
    void oneMalformedEventRejectsTheWholeBatch() {
        RecordingWebSocket consumer = consume();

        HttpResponse<String> response = Produce.batch(producer,
                event(SOURCE, "m-1", TYPE),
                event(SOURCE, "m-2", TYPE),
                event(SOURCE, "m-3", TYPE).with("specversion", "0.3"));

        assertRefused(response, 400, "event 2 of the batch", "id m-3", "specversion");
        assertThat(produced()).isZero();
        assertReceivesOnlyTheMarker(consumer);
    }

    /** Nothing of a refused batch arrives: the first event a consumer sees is one produced after it. */
    private void assertReceivesOnlyTheMarker(RecordingWebSocket consumer) {
        assertThat(Produce.event(producer, event(SOURCE, "marker", TYPE)).statusCode()).isEqualTo(202);
        await().atMost(BOUND).until(() -> consumer.count() >= 1);
        assertThat(consumer.events()).extracting(e -> e.get("id").asText()).containsExactly("marker");
    }

    // ---- what a consumer receives ----

    @Test
    void timeIsFilledByTheServiceWhenAbsent() {
        RecordingWebSocket consumer = consume();
        Instant before = Instant.now();

        Produce.event(producer, event(SOURCE, "untimed", TYPE).without("time"));

        JsonNode received = firstEvent(consumer);
        assertThat(received.has("time")).as(received.toString()).isTrue();
        assertThat(Instant.parse(received.get("time").asText()))
                .isBetween(before.minusSeconds(1), Instant.now());
    }

    @Test
    void timeGivenByTheProducerIsKept() {
        RecordingWebSocket consumer = consume();

        Produce.event(producer, event(SOURCE, "timed", TYPE).with("time", "2024-05-01T10:00:00+03:00"));

        assertThat(firstEvent(consumer).get("time").asText()).isEqualTo("2024-05-01T10:00:00+03:00");
    }

    @Test
    void rawJsonDataArrivesAsJsonData() {
        RecordingWebSocket consumer = consume();

        Produce.raw(producer, Produce.rawHeaders(SOURCE, "raw-json", TYPE), "application/json",
                "{\"name\":\"Ion\",\"age\":30}".getBytes(StandardCharsets.UTF_8));

        JsonNode received = firstEvent(consumer);
        assertThat(received.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(received.get("data")).isEqualTo(CloudEventJson.parse("{\"name\":\"Ion\",\"age\":30}"));
    }

    @Test
    void rawTextArrivesAsAStringInData() {
        RecordingWebSocket consumer = consume();

        Produce.raw(producer, Produce.rawHeaders(SOURCE, "raw-text", TYPE), "text/plain",
                "Bună ziua".getBytes(StandardCharsets.UTF_8));

        JsonNode received = firstEvent(consumer);
        assertThat(received.get("datacontenttype").asText()).isEqualTo("text/plain");
        assertThat(received.get("data").asText()).isEqualTo("Bună ziua");
    }

    @Test
    void rawBytesArriveAsDataBase64() {
        RecordingWebSocket consumer = consume();

        Produce.raw(producer, Produce.rawHeaders(SOURCE, "raw-bytes", TYPE), "application/octet-stream",
                new byte[] {0, 1, 2, (byte) 0xff});

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

        Produce.raw(producer, headers, "application/json", "{}".getBytes(StandardCharsets.UTF_8));

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

        Produce.raw(producer, Produce.rawHeaders(SOURCE, "raw-poll", TYPE), "application/octet-stream", data);

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

    private JsonNode firstEvent(RecordingWebSocket consumer) {
        await().atMost(BOUND).until(() -> consumer.count() >= 1);
        return consumer.events().get(0);
    }

    private RecordingWebSocket consume() {
        RecordingWebSocket socket = TestClient.of(emulator, "consumer").connect("");
        sockets.add(socket);
        return socket;
    }

    private long produced() {
        return emulator.state().get("produced").asLong();
    }

    /** The answer has the status, is plain text, and its body says each of the given things. */
    private static void assertRefused(HttpResponse<String> response, int status, String... mentions) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).contains(mentions);
    }
}
