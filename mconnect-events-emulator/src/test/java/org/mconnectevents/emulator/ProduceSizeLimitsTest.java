package org.mconnectevents.emulator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.CloudEventJson;
import org.mconnectevents.emulator.support.Produce;
import org.mconnectevents.emulator.support.TestClient;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.emulator.support.CloudEventJson.event;

/**
 * The size limits, made small with the {@code maxEventSize} and {@code maxRequestSize} keys so that their exact
 * edges can be shown: a limit is the largest size accepted, one byte more is answered 413 and nothing is stored.
 * An event's size is that of its structured JSON form, the form a consumer receives.
 */
class ProduceSizeLimitsTest {

    private static final int MAX_EVENT = 1024;
    private static final int MAX_REQUEST = 4096;
    private static final String TYPE = "EMU.Test.Thing.Happened";
    private static final String SOURCE = "urn:emu:producer";

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml("""
            maxEventSize: 1024
            maxRequestSize: 4096
            clients:
              - name: producer
                produces:
                  - type: EMU.Test.Thing.Happened
                    sources: [ "urn:emu:producer" ]
              - name: consumer
                consumes: [ EMU.Test.Thing.Happened ]
            """);

    private Emulator emulator;
    private TestClient producer;

    @BeforeEach
    void startFromAnEmptyService() {
        emulator = EMULATOR.emulator();
        emulator.reset();
        producer = TestClient.of(emulator, "producer");
    }

    @Test
    void anEventOfExactlyTheLimitIsAccepted() {
        CloudEventJson event = eventOfSize("at-limit", MAX_EVENT);

        assertThat(Produce.event(producer, event).statusCode()).isEqualTo(202);
    }

    @Test
    void anEventOneByteOverTheLimitIsRefused() {
        CloudEventJson event = eventOfSize("over-limit", MAX_EVENT + 1);

        HttpResponse<String> response = Produce.event(producer, event);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("source " + SOURCE, "id over-limit",
                "the event is 1025 bytes, over the limit of 1024 bytes per event");
        assertThat(produced()).isZero();
    }

    @Test
    void oneEventOverTheLimitRefusesItsWholeBatch() {
        HttpResponse<String> response = Produce.batch(producer,
                eventOfSize("small", 200), eventOfSize("too-big", MAX_EVENT + 1));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("event 1 of the batch", "id too-big");
        assertThat(produced()).isZero();
    }

    @Test
    void binaryDataCountsInItsBase64Form() {
        // 800 bytes of data are 1068 characters of data_base64 in the event a consumer receives
        HttpResponse<String> response = Produce.raw(producer, Produce.rawHeaders(SOURCE, "binary", TYPE),
                "application/octet-stream", new byte[800]);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("id binary", "over the limit of 1024 bytes per event");
    }

    @Test
    void aRequestOfExactlyTheLimitIsAccepted() {
        String body = batchOfSize(MAX_REQUEST);

        HttpResponse<String> response = producer.post("ce/produce/events", Produce.BATCH, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(produced()).isEqualTo(5);
    }

    @Test
    void aRequestOneByteOverTheLimitIsRefusedAndStoresNothing() {
        String body = batchOfSize(MAX_REQUEST + 1);

        HttpResponse<String> response = producer.post("ce/produce/events", Produce.BATCH, body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("the request is 4097 bytes, over the limit of 4096 bytes per request");
        assertThat(produced()).isZero();
    }

    @Test
    void aChunkedRequestOverTheLimitIsRefusedToo() {
        // without Content-Length the service can only count while it reads
        byte[] body = batchOfSize(MAX_REQUEST + 1).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = producer.request("ce/produce/events").header("Content-Type", Produce.BATCH)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

        HttpResponse<String> response = producer.send(request);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("over the limit of 4096 bytes per request");
        assertThat(produced()).isZero();
    }

    @Test
    void theServiceStillAnswersOnANewConnectionAfterRefusingALargeRequest() {
        producer.post("ce/produce/events", Produce.BATCH, batchOfSize(MAX_REQUEST + 1));

        assertThat(Produce.event(producer, eventOfSize("after", 300)).statusCode()).isEqualTo(202);
    }

    /** An event whose JSON form, as the service stores it, is exactly {@code size} bytes. */
    private static CloudEventJson eventOfSize(String id, int size) {
        CloudEventJson event = event(SOURCE, id, TYPE).with("time", "2024-05-01T10:00:00Z").data("\"\"");
        int padding = size - event.json().getBytes(StandardCharsets.UTF_8).length;
        return event.data("\"" + "x".repeat(padding) + "\"");
    }

    /** A batch of five events whose body is exactly {@code size} bytes. */
    private static String batchOfSize(int size) {
        List<CloudEventJson> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(eventOfSize("part-" + i, 800));
        }
        int sizeOfFour = CloudEventJson.batch(events).getBytes(StandardCharsets.UTF_8).length;
        // the fifth event and its comma fill the rest
        events.add(eventOfSize("part-4", size - sizeOfFour - 1));
        String body = CloudEventJson.batch(events);
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(size);
        return body;
    }

    private long produced() {
        return emulator.state().get("produced").asLong();
    }
}
