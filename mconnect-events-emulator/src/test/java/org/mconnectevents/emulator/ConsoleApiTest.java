package org.mconnectevents.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.AdminClient;
import org.mconnectevents.emulator.support.CloudEventJson;
import org.mconnectevents.emulator.support.EventProducer;
import org.mconnectevents.emulator.support.LongPollingClient;
import org.mconnectevents.emulator.support.ProducerAndConsumerSupport;
import org.mconnectevents.emulator.support.RecordingWebSocket;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.emulator.support.Soon.soon;

/**
 * The admin endpoints the web console reads and acts through, called with the JDK's HTTP client: the live stream,
 * the events search and its bounds, one event's history, test events from a form, closing one session, and the
 * console's files. The browser tests ({@link ConsoleTest}) show what a person sees of them.
 */
class ConsoleApiTest extends ProducerAndConsumerSupport {

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml(yaml());

    private static AdminClient admin() {
        return new AdminClient(emulator);
    }

    @Test
    void streamSendsTheOverviewAtOnceAsServerSentEvents() throws Exception {
        producer.produce("order-1");
        HttpRequest request = HttpRequest.newBuilder(emulator.adminAddress().resolve("emulator/stream"))
                .timeout(Duration.ofSeconds(10)).build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofLines());
        List<String> firstEvent;
        try (Stream<String> lines = response.body()) {
            firstEvent = lines.dropWhile(line -> !line.startsWith("event:")).limit(2).toList();
        }

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(firstEvent.get(0)).isEqualTo("event: overview");
        JsonNode overview = CloudEventJson.parse(firstEvent.get(1).substring("data: ".length()));
        assertThat(overview.path("produced").asLong()).isEqualTo(1);
        assertThat(overview.path("clients")).extracting(client -> client.path("name").asText())
                .containsExactly("producer", "consumer");
    }

    @Test
    void overviewCountsEventsPerSecondAndNamesTheActiveFaults() {
        producer.produce(EventProducer.ids("order", 3));
        admin().put("emulator/faults", "{\"dropConfirmRate\": 0.5, \"responseDelay\": \"PT0.001S\"}");

        soon().untilAsserted(() -> assertThat(admin().getJson("emulator/overview").path("throughput"))
                .anySatisfy(sample -> assertThat(sample.path("produced").asDouble()).isPositive()));
        JsonNode overview = admin().getJson("emulator/overview");
        assertThat(overview.path("activeFaults")).extracting(JsonNode::asText)
                .containsExactly("dropConfirmRate", "responseDelay");
    }

    @Test
    void eventsSearchRefusesWhatItCannotRead() {
        assertThat(admin().get("emulator/events?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(admin().get("emulator/events?from=yesterday").body())
                .contains("from=yesterday is not an instant");
        assertThat(admin().get("emulator/events?limit=0").body()).contains("limit=0 must be a number from 1 to 5000");
        assertThat(admin().get("emulator/events?client=nobody").statusCode()).isEqualTo(404);
        assertThat(admin().get("emulator/clients/consumer/events/0/12345").statusCode()).isEqualTo(404);
    }

    @Test
    void eventsSearchMatchesPartsOfAttributesAndTheTimeStored() {
        producer.produce("order-1", "order-2");
        producer.produceWithKey("customer:7", "invoice-3");

        assertThat(ids("emulator/events")).containsExactlyInAnyOrder("order-1", "order-2", "invoice-3");
        assertThat(ids("emulator/events?id=ORDER")).containsExactlyInAnyOrder("order-1", "order-2");
        assertThat(ids("emulator/events?partitionKey=customer")).containsExactly("invoice-3");
        assertThat(ids("emulator/events?client=consumer&group=~default")).hasSize(3);
        assertThat(ids("emulator/events?to=2000-01-01T00:00:00Z")).isEmpty();
        assertThat(ids("emulator/events?limit=1")).hasSize(1);
    }

    @Test
    void keepsTheLastFiveHundredEventsOfAPartition() {
        String[] ids = EventProducer.ids("order", 501);
        producer.produceWithKey("customer:1", ids);

        JsonNode events = admin().getJson("emulator/events?limit=5000");
        assertThat(events).hasSize(500);
        assertThat(events).extracting(event -> event.path("id").asText()).doesNotContain("order-1").contains("order-501");
        JsonNode newest = events.get(0);
        String path = "emulator/clients/consumer/events/" + newest.path("partition").asInt() + "/";
        assertThat(admin().get(path + newest.path("sequence").asLong()).statusCode()).isEqualTo(200);
        assertThat(admin().get(path + (newest.path("sequence").asLong() - 500)).statusCode()).isEqualTo(404);
    }

    @Test
    void eventHistoryNamesEachDeliveryWithItsSessionAndOutcome() {
        RecordingWebSocket socket = consumer.connect("");
        producer.produce("order-1");
        soon().until(() -> socket.count() == 1);
        socket.confirm(socket.lastOffset());
        soon().until(() -> state.confirmed("consumer", "~default") == 1);

        JsonNode row = admin().getJson("emulator/events").get(0);
        JsonNode event = admin().getJson("emulator/clients/consumer/events/" + row.path("partition").asInt() + "/"
                + row.path("sequence").asLong());
        assertThat(event.at("/event/id").asText()).isEqualTo("order-1");
        assertThat(event.at("/groups/~0default/status").asText()).isEqualTo("confirmed");
        JsonNode delivery = event.path("deliveries").get(0);
        assertThat(delivery.path("transport").asText()).isEqualTo("websocket");
        assertThat(delivery.path("offset").asText()).isEqualTo(String.valueOf(socket.lastOffset()));
        assertThat(delivery.path("outcome").asText()).isEqualTo("confirmed");
        socket.close();
    }

    @Test
    void testEventFromTheFormIsCheckedAndStoredForTheClient() {
        HttpResponse<String> missingId = admin().post("emulator/clients/consumer/test-events",
                "{\"specversion\":\"1.0\",\"source\":\"urn:console\",\"type\":\"" + TYPE + "\"}");
        assertThat(missingId.statusCode()).isEqualTo(400);
        assertThat(missingId.body()).contains("the test event", "id");

        HttpResponse<String> stored = admin().post("emulator/clients/consumer/test-events",
                "{\"specversion\":\"1.0\",\"id\":\"t-1\",\"source\":\"urn:console\",\"type\":\"" + TYPE
                        + "\",\"data\":{\"n\":1}}");
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(202);
        JsonNode tests = admin().getJson("emulator/clients/consumer/test-events");
        assertThat(tests).hasSize(1);
        assertThat(tests.get(0).path("status").asText()).isEqualTo("pending");
        RecordingWebSocket socket = consumer.connect("events=false");
        soon().until(() -> socket.count() == 1);
        assertThat(socket.events().get(0).path("id").asText()).isEqualTo("t-1");
        socket.close();
    }

    @Test
    void closesOneSessionByItsId() {
        RecordingWebSocket socket = consumer.connect("");
        LongPollingClient polling = LongPollingClient.create(consumer, "");
        soon().until(() -> state.sessions("consumer") == 2);
        JsonNode sessions = admin().getJson("emulator/consumers").at("/0/groups/0/sessions");
        long webSocketSession = sessions.findParents("transport").stream()
                .filter(session -> session.path("transport").asText().equals("websocket"))
                .findFirst().orElseThrow().path("id").asLong();

        assertThat(admin().post("emulator/sessions/" + webSocketSession + "/close").body()).isEqualTo("{\"closed\":1}");
        assertThat(socket.awaitCloseCode(10)).isEqualTo(1001);
        soon().until(() -> state.sessions("consumer") == 1);
        assertThat(admin().post("emulator/sessions/" + webSocketSession + "/close").statusCode()).isEqualTo(404);

        long pollingSession = admin().getJson("emulator/consumers").at("/0/groups/0/sessions/0/id").asLong();
        assertThat(admin().post("emulator/sessions/" + pollingSession + "/close").statusCode()).isEqualTo(200);
        assertThat(polling.poll("events", "").statusCode()).isEqualTo(404);
        assertThat(state.sessions("consumer")).isZero();
    }

    @Test
    void servesTheConsoleFilesAndNothingElseOfTheClassPath() throws IOException {
        assertThat(admin().get("").statusCode()).isEqualTo(302);
        assertThat(admin().get("console/").body()).contains("<script src=\"console.js\"></script>");
        assertThat(admin().get("console/console.js").headers().firstValue("Content-Type"))
                .hasValue("text/javascript; charset=utf-8");
        assertThat(admin().get("console/demo-config.yaml").statusCode()).isEqualTo(404);
        assertThat(admin().get("console/../demo-config.yaml").statusCode()).isEqualTo(404);
    }

    private static List<String> ids(String path) {
        return admin().getJson(path).findValuesAsText("id");
    }
}
