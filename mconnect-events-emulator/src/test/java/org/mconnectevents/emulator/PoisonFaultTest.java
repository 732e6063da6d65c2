package org.mconnectevents.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.config.Faults;
import org.mconnectevents.emulator.config.PoisonKind;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.AdminClient;
import org.mconnectevents.emulator.support.CloudEventJson;
import org.mconnectevents.emulator.support.EventProducer;
import org.mconnectevents.emulator.support.LongPollingClient;
import org.mconnectevents.emulator.support.Received;
import org.mconnectevents.emulator.support.RecordingWebSocket;
import org.mconnectevents.emulator.support.TestClient;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.emulator.support.Soon.soon;

/**
 * The poison fault, for soaks that switch poison on and off: after a fraction ({@code poisonRate}) of produce
 * requests, one poison event of the next of {@code poisonKinds} is also stored for each consumer of what the request
 * produced, on the partition key of its last event, after it; no real event is replaced. And what the service does
 * with a poison event reported dead: it follows PROTOCOL.md, so a report that is a CloudEvent is stored, one that is
 * not (no id, for one) is refused as any malformed message is.
 */
class PoisonFaultTest {

    private static final String TYPE = "Test.Orders.Order.Placed";
    private static final String KEY = "customer:7";

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml("""
            pollTimeout: PT1S
            clients:
              - name: producer
                produces:
                  - type: Test.Orders.Order.Placed
                    sources: [ "urn:test:orders" ]
              - name: consumer
                consumes: [ Test.Orders.Order.Placed ]
              - name: auditor
                consumes: [ Test.Orders.Order.Placed ]
              - name: bystander
                consumes: [ Test.Other.Thing.Happened ]
            """);

    private final List<RecordingWebSocket> sockets = new ArrayList<>();
    private Emulator emulator;
    private AdminClient admin;
    private EventProducer producer;

    @BeforeEach
    void startFromAnEmptyService() {
        emulator = EMULATOR.emulator();
        emulator.reset();
        admin = new AdminClient(emulator);
        producer = EventProducer.of(emulator, "producer", TYPE, "urn:test:orders");
    }

    @AfterEach
    void closeConsumers() {
        sockets.forEach(RecordingWebSocket::close);
    }

    @Test
    void afterEachProduceRequestOnePoisonEventFollowsItsLastEventForEachConsumerOfItsType() {
        RecordingWebSocket consumer = consume("consumer");
        RecordingWebSocket auditor = consume("auditor");
        setFaults("{\"poisonRate\": 1.0, \"poisonKinds\": [\"missing-id\"]}");

        producer.produceWithKey(KEY, "order-1", "order-2");

        soon().until(() -> consumer.count() == 3 && auditor.count() == 3);
        for (RecordingWebSocket session : List.of(consumer, auditor)) {
            List<JsonNode> events = session.events();
            assertThat(Received.ids(events).subList(0, 2)).containsExactly("order-1", "order-2");
            assertThat(events.get(2).has("id")).as("the poison: an event without id").isFalse();
            assertThat(events.get(2).get("type").asText()).isEqualTo(TYPE);
            assertThat(events.get(2).get("partitionkey").asText()).isEqualTo(KEY);
        }
        JsonNode state = emulator.state();
        assertThat(state.get("produced").asLong()).as("real events only").isEqualTo(2);
        assertThat(state.at("/clients/consumer/injected").asLong()).isEqualTo(1);
        assertThat(state.at("/clients/bystander/injected").asLong()).as("consumes another type").isZero();
    }

    @Test
    void everyKindIsTakenInTurnByDefault() {
        RecordingWebSocket consumer = consume("consumer");
        setFaults("{\"poisonRate\": 1.0}");

        producer.produceWithKey(KEY, "order-1");
        producer.produceWithKey(KEY, "order-2");

        soon().until(() -> consumer.frameCount() == 4);
        List<String> frames = consumer.frames();
        assertThat(CloudEventJson.parse(frames.get(1)).get("datacontenttype").asText())
                .isEqualTo("application/merge-patch+json");
        assertThat(frames.get(3)).as("the second kind: not JSON").doesNotStartWith("{");
        assertThat(admin.getJson("emulator/faults").get("poisonKinds")).extracting(JsonNode::asText)
                .containsExactly("merge-patch-data", "not-json", "missing-id", "missing-type", "over-size-limit",
                        "without-offset");
    }

    @Test
    void switchedOffNoPoisonFollows() {
        RecordingWebSocket consumer = consume("consumer");
        setFaults("{\"poisonRate\": 1.0, \"poisonKinds\": [\"not-json\"]}");
        producer.produceWithKey(KEY, "order-1");
        soon().until(() -> consumer.frameCount() == 2);

        assertThat(admin.delete("emulator/faults").statusCode()).isEqualTo(204);
        producer.produceWithKey(KEY, "order-2");

        soon().until(() -> consumer.count() == 2);
        assertThat(consumer.frameCount()).isEqualTo(3);
        assertThat(Received.ids(consumer)).containsExactly("order-1", "order-2");
    }

    @Test
    void theJavaApiSetsThePoisonFaultToo() {
        RecordingWebSocket consumer = consume("consumer");
        emulator.setFaults(Faults.builder().poisonRate(1.0).poisonKinds(PoisonKind.WITHOUT_OFFSET).build());

        producer.produce("order-1");

        soon().until(() -> consumer.count() == 2);
        // without a key, the poison goes round robin like any event: it may come first
        JsonNode poison = consumer.events().stream().filter(event -> event.at("/data/poison").isTextual())
                .findFirst().orElseThrow();
        assertThat(poison.at("/data/poison").asText()).isEqualTo("without-offset");
        assertThat(poison.has("offset")).isFalse();
        assertThat(poison.has("partitionkey")).as("order-1 has no key; nor has its poison").isFalse();
    }

    @Test
    void aMistakeInThePoisonFaultIsRefused() {
        HttpResponse<String> unknownKind = admin.put("emulator/faults", "{\"poisonKinds\": [\"rotten\"]}");
        HttpResponse<String> unknownKey = admin.put("emulator/faults", "{\"poisonKind\": \"not-json\"}");
        HttpResponse<String> notARate = admin.put("emulator/faults", "{\"poisonRate\": 2}");

        assertThat(unknownKind.statusCode()).isEqualTo(400);
        assertThat(unknownKind.body()).contains("faults.poisonKinds", "rotten", "merge-patch-data", "without-offset");
        assertThat(unknownKey.statusCode()).isEqualTo(400);
        assertThat(unknownKey.body()).contains("poisonKind", "unknown key", "poisonKinds");
        assertThat(notARate.statusCode()).isEqualTo(400);
        assertThat(notARate.body()).contains("faults.poisonRate", "between 0 and 1");
    }

    @Test
    void aPoisonEventThatIsACloudEventIsStoredDeadWhenReportedAsReceived() {
        RecordingWebSocket consumer = consume("consumer");
        setFaults("{\"poisonRate\": 1.0, \"poisonKinds\": [\"merge-patch-data\"]}");
        producer.produceWithKey(KEY, "order-1");
        soon().until(() -> consumer.count() == 2);

        consumer.send("dead:" + consumer.events().get(1));
        consumer.confirm(consumer.lastOffset());

        soon().until(() -> emulator.deadEvents("consumer").size() == 1);
        ObjectNode poison = (ObjectNode) consumer.events().get(1).deepCopy();
        poison.remove("offset");
        assertThat(emulator.deadEvents("consumer").get(0)).isEqualTo(poison);
        soon().until(() -> emulator.state().at("/clients/consumer/groups/~default/confirmed").asLong() == 2);
        assertThat(consumer.closed()).isNotDone();
    }

    @Test
    void aDeadReportThatIsNotACloudEventClosesTheWebSocketAsAnyMalformedMessageDoes() {
        RecordingWebSocket consumer = consume("consumer");
        setFaults("{\"poisonRate\": 1.0, \"poisonKinds\": [\"missing-id\"]}");
        producer.produceWithKey(KEY, "order-1");
        soon().until(() -> consumer.count() == 2);

        consumer.send("dead:" + consumer.events().get(1));

        assertThat(consumer.awaitCloseCode(10)).isEqualTo(1008);
        assertThat(consumer.closeReason()).contains("id is required");
        assertThat(emulator.deadEvents("consumer")).isEmpty();
    }

    @Test
    void aDeadReportWithoutIdIsRefusedWith400OverLongPolling() {
        LongPollingClient instance = LongPollingClient.create(TestClient.of(emulator, "consumer"), "");

        HttpResponse<String> dead = instance.dead(Map.of("ce-specversion", "1.0", "ce-source", "urn:test:orders",
                "ce-type", TYPE, "Content-Type", "text/plain"), "not JSON at all {");

        assertThat(dead.statusCode()).isEqualTo(400);
        assertThat(dead.body()).contains("ce-id is required");
        assertThat(emulator.deadEvents("consumer")).isEmpty();
    }

    private void setFaults(String json) {
        HttpResponse<String> response = admin.put("emulator/faults", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private RecordingWebSocket consume(String client) {
        RecordingWebSocket socket = TestClient.of(emulator, client).connect("");
        sockets.add(socket);
        return socket;
    }
}
