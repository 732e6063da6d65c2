package org.mconnectevents.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.CloudEventJson;
import org.mconnectevents.emulator.support.Produce;
import org.mconnectevents.emulator.support.RecordingWebSocket;
import org.mconnectevents.emulator.support.TestClient;

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
 * stored; 400 malformed, 401 not authorized, 404 wrong address, 413 too large, each with a plain-text body
 * naming the event and the rule. A batch is stored all or nothing. Read with the JDK's HTTP client, not our
 * component. (422 is {@link SchemaValidationTest}'s, 500 {@link AdminApiTest}'s, the limits' exact edges
 * {@link ProduceSizeLimitsTest}'s.)
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
    void structuredBodyThatIsNotJsonIs400() {
        HttpResponse<String> response = producer.post("ce/produce/event", Produce.STRUCTURED,
                "{\"specversion\":\"1.0\",");

        assertRefused(response, 400, "not valid JSON");
    }

    @Test
    void batchBodyThatIsNotJsonIs400() {
        assertRefused(producer.post("ce/produce/events", Produce.BATCH, "[{]"), 400, "not valid JSON");
    }

    @Test
    void batchBodyThatIsNotAnArrayIs400() {
        HttpResponse<String> response = producer.post("ce/produce/events", Produce.BATCH,
                event(SOURCE, "single", TYPE).json());

        assertRefused(response, 400, "not a JSON array");
    }

    @Test
    void rawJsonDataThatIsNotJsonIs400() {
        HttpResponse<String> response = Produce.raw(producer, Produce.rawHeaders(SOURCE, "raw-bad", TYPE),
                "application/json", "{not json".getBytes(StandardCharsets.UTF_8));

        assertRefused(response, 400, "source " + SOURCE, "id raw-bad", "not valid JSON");
    }

    @Test
    void structuredEventWithoutIdIs400() {
        HttpResponse<String> response = Produce.event(producer, event(SOURCE, "x", TYPE).without("id"));

        assertRefused(response, 400, "source " + SOURCE, "id missing", "attribute id is required");
    }

    @Test
    void structuredEventWithoutTypeIs400() {
        HttpResponse<String> response = Produce.event(producer, event(SOURCE, "no-type", TYPE).without("type"));

        assertRefused(response, 400, "source " + SOURCE, "id no-type", "attribute type is required");
    }

    @Test
    void rawEventWithoutTheCeTypeHeaderIs400() {
        Map<String, String> headers = Produce.rawHeaders(SOURCE, "raw-no-type", TYPE);
        headers.remove("ce-type");

        HttpResponse<String> response = Produce.raw(producer, headers, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));

        assertRefused(response, 400, "source " + SOURCE, "id raw-no-type", "header ce-type is required");
    }

    @Test
    void rawEventWithoutTheCeSpecversionHeaderIs400() {
        Map<String, String> headers = Produce.rawHeaders(SOURCE, "raw-no-version", TYPE);
        headers.remove("ce-specversion");

        HttpResponse<String> response = Produce.raw(producer, headers, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));

        assertRefused(response, 400, "id raw-no-version", "header ce-specversion is required");
    }

    @Test
    void sourceThatIsNotAUriIs400() {
        HttpResponse<String> response = Produce.event(producer, event("urn:emu producer", "bad-source", TYPE));

        assertRefused(response, 400, "source urn:emu producer", "id bad-source", "is not a URI");
    }

    @Test
    void timeInTheFutureIs400() {
        String future = Instant.now().plus(Duration.ofHours(1)).toString();

        HttpResponse<String> response = Produce.event(producer,
                event(SOURCE, "future", TYPE).with("time", future));

        assertRefused(response, 400, "source " + SOURCE, "id future", "is in the future");
    }

    @Test
    void timeThatIsNotRfc3339Is400() {
        HttpResponse<String> response = Produce.event(producer,
                event(SOURCE, "bad-time", TYPE).with("time", "yesterday"));

        assertRefused(response, 400, "id bad-time", "not an RFC 3339 timestamp");
    }

    @Test
    void specversionOtherThan1_0Is400() {
        HttpResponse<String> response = Produce.event(producer,
                event(SOURCE, "old", TYPE).with("specversion", "0.3"));

        assertRefused(response, 400, "source " + SOURCE, "id old", "specversion must be \"1.0\"");
    }

    @Test
    void rawSpecversionOtherThan1_0Is400() {
        Map<String, String> headers = Produce.rawHeaders(SOURCE, "raw-old", TYPE);
        headers.put("ce-specversion", "0.3");

        HttpResponse<String> response = Produce.raw(producer, headers, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));

        assertRefused(response, 400, "id raw-old", "specversion must be \"1.0\"");
    }

    @Test
    void binaryDataOnTheStructuredEndpointIs400() {
        HttpResponse<String> response = Produce.event(producer,
                event(SOURCE, "base64", TYPE).with("data_base64", "AAEC"));

        assertRefused(response, 400, "source " + SOURCE, "id base64", "data_base64 is not accepted here");
    }

    @Test
    void structuredEventSentAsPlainJsonIs400() {
        HttpResponse<String> response = producer.post("ce/produce/event", "application/json",
                event(SOURCE, "plain-json", TYPE).json());

        assertRefused(response, 400, "Content-Type application/json is not accepted here",
                Produce.STRUCTURED);
    }

    @Test
    void batchSentAsASingleEventIs400() {
        HttpResponse<String> response = producer.post("ce/produce/events", Produce.STRUCTURED,
                CloudEventJson.batch(event(SOURCE, "wrong-type", TYPE)));

        assertRefused(response, 400, "is not accepted here", Produce.BATCH);
    }

    @Test
    void rawDataOfAnotherMediaTypeIs400() {
        HttpResponse<String> response = Produce.raw(producer, Produce.rawHeaders(SOURCE, "xml", TYPE),
                "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8));

        assertRefused(response, 400, "Content-Type application/xml is not accepted here");
    }

    @Test
    void rawDataWithoutContentTypeIs400() {
        HttpResponse<String> response = Produce.raw(producer, Produce.rawHeaders(SOURCE, "untyped", TYPE),
                null, "{}".getBytes(StandardCharsets.UTF_8));

        assertRefused(response, 400, "is not accepted here");
    }

    // ---- not authorized: 401 ----

    @Test
    void clientThatIsNotRegisteredIs401() {
        Instant now = Instant.now();
        TestClient stranger = TestClient.withKeyStore(emulator, emulator.certificates()
                .mintClient("stranger", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1))));

        HttpResponse<String> response = Produce.event(stranger, event(SOURCE, "stranger-1", TYPE));

        assertRefused(response, 401, "client stranger is not registered");
        assertThat(produced()).isZero();
    }

    @Test
    void typeTheProducerMayNotProduceIs401() {
        HttpResponse<String> response = Produce.event(producer,
                event(SOURCE, "foreign-type", "EMU.Test.Secret.Happened"));

        assertRefused(response, 401, "source " + SOURCE, "id foreign-type",
                "client producer is not allowed to produce type EMU.Test.Secret.Happened");
    }

    @Test
    void sourceNotAllowedForTheTypeIs401() {
        // urn:emu:other is allowed, but only for the other type
        HttpResponse<String> response = Produce.event(producer, event(OTHER_SOURCE, "foreign-source", TYPE));

        assertRefused(response, 401, "source " + OTHER_SOURCE, "id foreign-source",
                "not allowed to use source " + OTHER_SOURCE + " for type " + TYPE);
    }

    @Test
    void rawEventWithASourceNotAllowedIs401() {
        HttpResponse<String> response = Produce.raw(producer,
                Produce.rawHeaders("urn:emu:elsewhere", "raw-foreign", TYPE), "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));

        assertRefused(response, 401, "source urn:emu:elsewhere", "id raw-foreign", "not allowed to use source");
    }

    // ---- too large: 413 ----

    @Test
    void requestOverOneMebibyteIs413() {
        // 20 events of about 60 KB: each is under the event limit, together over the request limit
        String chunk = "x".repeat(60_000);
        List<CloudEventJson> events = IntStream.range(0, 20)
                .mapToObj(i -> event(SOURCE, "big-" + i, TYPE).data("\"" + chunk + "\"")).toList();

        HttpResponse<String> response = Produce.batch(producer, events);

        assertRefused(response, 413, "over the limit of 1048576 bytes per request");
        assertThat(produced()).isZero();
    }

    @Test
    void eventOver64KibibytesIs413() {
        String data = "\"" + "x".repeat(64 * 1024) + "\"";

        HttpResponse<String> response = Produce.event(producer, event(SOURCE, "huge", TYPE).data(data));

        assertRefused(response, 413, "source " + SOURCE, "id huge", "over the limit of 65536 bytes per event");
    }

    @Test
    void rawEventOver64KibibytesIs413() {
        byte[] data = ("\"" + "x".repeat(64 * 1024) + "\"").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = Produce.raw(producer, Produce.rawHeaders(SOURCE, "raw-huge", TYPE),
                "application/json", data);

        assertRefused(response, 413, "id raw-huge", "over the limit of 65536 bytes per event");
    }

    // ---- wrong address: 404 ----

    @Test
    void aProduceUrlThatDoesNotExistIs404() {
        HttpResponse<String> response = producer.post("ce/produce/evnts", Produce.BATCH,
                CloudEventJson.batch(event(SOURCE, "typo", TYPE)));

        assertRefused(response, 404, "POST /ce/produce/evnts is not an MConnect Events endpoint");
        assertThat(produced()).isZero();
    }

    @Test
    void aProduceEndpointReadWithGetIs404() {
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
