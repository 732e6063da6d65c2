package org.mconnectevents.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.config.Faults;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.ProducerAndConsumerSupport;
import org.mconnectevents.emulator.support.LongPollingClient;
import org.mconnectevents.emulator.support.Received;
import org.mconnectevents.emulator.support.TestClient;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.emulator.support.Soon.soon;

/**
 * Consuming by long polling: creating an instance, the three ways to poll, confirming (on a poll, with and
 * without an offset), reporting dead, deleting, the poll timeout, and the expiry of instances nobody polls.
 * The base address is opaque: only the returned {@code Location} with the documented suffixes works.
 */
class LongPollingTest extends ProducerAndConsumerSupport {

    private static final String GROUP = "~default";
    /** Long enough for the tests that act while a poll waits, on a loaded machine too. */
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration INSTANCE_EXPIRY = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml(ProducerAndConsumerSupport.yaml("pollTimeout: " + POLL_TIMEOUT, "instanceExpiry: " + INSTANCE_EXPIRY));

    @Test
    void creatingAnInstanceAnswers201WithAnAbsoluteLocationUnderARandomBridgeName() {
        URI first = LongPollingClient.create(consumer, "").base();
        URI second = LongPollingClient.create(consumer, "group=billing").base();

        assertThat(first.isAbsolute()).isTrue();
        assertThat(first.getScheme()).isEqualTo("https");
        assertThat(first.getPort()).isEqualTo(emulator.port());
        assertThat(first.getPath()).matches("/[^/]+/ce/consumers/~default/instances/[^/]+");
        assertThat(second.getPath()).matches("/[^/]+/ce/consumers/billing/instances/[^/]+");
        assertThat(bridge(first)).as("each instance under its own bridge").isNotEqualTo(bridge(second));
    }

    @Test
    void creatingAnInstanceAnswersItsIdAndBaseAddressAsAJsonObject() {
        HttpResponse<String> response = LongPollingClient.createRequest(consumer, "group=billing");
        String location = response.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"instance_id\":\"" + id + "\",\"base_uri\":\"" + location + "\"}");
    }

    @Test
    void eventsAnswersTheEventsAsTheyAreSentOneByOneInOneJsonArray() {
        LongPollingClient oneByOne = LongPollingClient.create(consumer, "");
        producer.produce(List.of(producer.event("order-1").put("partitionkey", "customer:7"),
                producer.event("order-2").put("partitionkey", "customer:7").put("data", "Ștefan 😀")));
        String first = oneByOne.poll("event", "").body();
        String second = oneByOne.poll("event", "").body();
        // deleted unconfirmed: the same two events come again to the group's next instance (under new offsets)
        oneByOne.delete();

        HttpResponse<String> both = LongPollingClient.create(consumer, "").poll("events", "");

        assertThat(withoutOffsets(both.body())).isEqualTo(withoutOffsets("[" + first + "," + second + "]"));
    }

    @Test
    void creatingAnInstanceWithAQueryFlagThatIsNotTrueOrFalseIsRefusedWith400() {
        HttpResponse<String> response = LongPollingClient.createRequest(consumer, "dead=yes");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("dead=yes");
    }

    @Test
    void rawAnswersOneEventWithItsDataAsTheBodyAndItsAttributesAsCeHeaders() {
        LongPollingClient instance = LongPollingClient.create(consumer, "");
        producer.produce(List.of(producer.event("order-1").put("partitionkey", "customer:7")
                .put("subject", "order/1")));

        HttpResponse<String> response = instance.poll("raw", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body())).isEqualTo(json("{\"id\":\"order-1\"}"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().map()).containsEntry("ce-specversion", List.of("1.0"))
                .containsEntry("ce-id", List.of("order-1"))
                .containsEntry("ce-source", List.of("urn:test:orders"))
                .containsEntry("ce-type", List.of(TYPE))
                .containsEntry("ce-subject", List.of("order/1"))
                .containsEntry("ce-partitionkey", List.of("customer:7"))
                .containsKey("ce-time");
        assertThat(response.headers().firstValue("ce-offset")).hasValueSatisfying(offset ->
                assertThat(offset).matches("-?\\d+"));
    }

    @Test
    void eventAnswersOneStructuredCloudEventWithItsOffset() {
        LongPollingClient instance = LongPollingClient.create(consumer, "");
        producer.produceWithKey("customer:7", "order-1", "order-2");

        HttpResponse<String> response = instance.poll("event", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/cloudevents+json");
        JsonNode event = json(response.body());
        assertThat(event.path("id").asText()).isEqualTo("order-1");
        assertThat(event.path("offset").isTextual()).isTrue();
    }

    @Test
    void eventsAnswersABatchWithGrowingOffsets() {
        LongPollingClient instance = LongPollingClient.create(consumer, "");
        List<String> produced = producer.produceWithKey("customer:7", "order-1", "order-2", "order-3");

        HttpResponse<String> response = instance.poll("events", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/cloudevents-batch+json");
        List<JsonNode> events = elements(json(response.body()));
        assertThat(Received.ids(events)).isEqualTo(produced);
        assertThat(Received.offsets(events)).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void confirmTrueOnAPollConfirmsWhatWasReadBefore() {
        LongPollingClient instance = LongPollingClient.create(consumer, "");
        producer.produceWithKey("customer:7", "order-1", "order-2");
        assertThat(instance.poll("event", "").statusCode()).isEqualTo(200);
        assertThat(state.confirmed("consumer", GROUP)).isZero();

        HttpResponse<String> second = instance.poll("event", "confirm=true");

        assertThat(json(second.body()).path("id").asText()).isEqualTo("order-2");
        assertThat(state.confirmed("consumer", GROUP)).as("the first event, read before").isEqualTo(1);
        assertThat(state.inFlight("consumer", GROUP)).isEqualTo(1);
    }

    @Test
    void confirmWithAnOffsetConfirmsUpToItAndWithoutOneEverythingRead() {
        LongPollingClient instance = LongPollingClient.create(consumer, "");
        producer.produceWithKey("customer:7", "order-1", "order-2", "order-3");
        List<Long> offsets = Received.offsets(elements(json(instance.poll("events", "").body())));

        assertThat(instance.confirm(offsets.get(0)).statusCode()).isEqualTo(204);
        assertThat(state.confirmed("consumer", GROUP)).isEqualTo(1);

        assertThat(instance.confirmAll().statusCode()).isEqualTo(204);
        assertThat(state.confirmed("consumer", GROUP)).isEqualTo(3);
        assertThat(state.inFlight("consumer", GROUP)).isZero();
    }

    @Test
    void deadInBinaryModeAnswers202AndStoresTheEventAsDeadForTheClient() {
        LongPollingClient instance = LongPollingClient.create(consumer, "");
        producer.produce("order-1");
        HttpResponse<String> polled = instance.poll("raw", "");

        HttpResponse<String> dead = instance.dead(Map.of(
                "ce-specversion", "1.0",
                "ce-id", polled.headers().firstValue("ce-id").orElseThrow(),
                "ce-source", polled.headers().firstValue("ce-source").orElseThrow(),
                "ce-type", polled.headers().firstValue("ce-type").orElseThrow(),
                "ce-failure", "no customer with this number",
                "Content-Type", "application/json"), polled.body());

        assertThat(dead.statusCode()).as(dead.body()).isEqualTo(202);
        assertThat(emulator.deadEvents("consumer")).singleElement().satisfies(event -> {
            assertThat(event.path("id").asText()).isEqualTo("order-1");
            assertThat(event.path("failure").asText()).isEqualTo("no customer with this number");
            assertThat(event.path("data")).isEqualTo(json("{\"id\":\"order-1\"}"));
        });
        assertThat(state.confirmed("consumer", GROUP)).as("reporting dead does not confirm").isZero();
    }

    @Test
    void deleteAnswers204ThenEveryUrlOfTheInstanceAnswers404AndItsUnconfirmedEventsGoToTheNextInstance() {
        LongPollingClient deleted = LongPollingClient.create(consumer, "");
        List<String> produced = producer.produceWithKey("customer:7", "order-1", "order-2");
        assertThat(elements(json(deleted.poll("events", "").body()))).hasSize(2);

        assertThat(deleted.delete().statusCode()).isEqualTo(204);

        assertThat(List.of(deleted.poll("raw", ""), deleted.poll("event", ""), deleted.poll("events", ""),
                deleted.confirm(1), deleted.confirmAll(), deleted.dead(Map.of(), "{}"), deleted.delete()))
                .allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(404));
        LongPollingClient next = LongPollingClient.create(consumer, "");
        assertThat(Received.ids(elements(json(next.poll("events", "").body())))).isEqualTo(produced);
    }

    @Test
    void aPollAnswers204AfterThePollTimeoutWhenNothingArrives() {
        LongPollingClient instance = LongPollingClient.create(consumer, "");
        long started = System.nanoTime();

        HttpResponse<String> response = instance.poll("event", "");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(POLL_TIMEOUT.minusMillis(50));
    }

    @Test
    void aWaitingPollAnswersAtOnceWithAnEventProducedMeanwhile() {
        LongPollingClient instance = LongPollingClient.create(consumer, "");
        CompletableFuture<HttpResponse<String>> poll = instance.pollAsync("event", "");
        soon().during(POLL_TIMEOUT.dividedBy(4)).atMost(POLL_TIMEOUT).until(() -> !poll.isDone());

        producer.produce("order-1");

        HttpResponse<String> response = poll.join();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).path("id").asText()).isEqualTo("order-1");
    }

    @Test
    void anInstanceNotPolledWithinTheExpiryAnswers404() {
        LongPollingClient instance = LongPollingClient.create(consumer, "");

        soon().atMost(INSTANCE_EXPIRY.multipliedBy(3)).until(() -> state.sessions("consumer") == 0);

        HttpResponse<String> response = instance.poll("event", "");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("POST /ce/consumers");
    }

    @Test
    void theInstanceExpiryFaultExpiresInstancesEarly() {
        emulator.setFaults(Faults.builder().instanceExpiry(Duration.ofMillis(100)).build());
        LongPollingClient instance = LongPollingClient.create(consumer, "");

        soon().atMost(INSTANCE_EXPIRY.minusMillis(300)).until(() -> state.sessions("consumer") == 0);

        assertThat(instance.poll("event", "").statusCode()).isEqualTo(404);
    }

    @Test
    void anInstanceIsNotExpiredWhileItsClientKeepsPollingEvenWhenAPollOutlastsTheExpiry() {
        // a poll of 2 s outlasts an expiry of 1.8 s; counted from the poll's end, the expiry leaves the test 1.8 s
        // to look and poll again (a window of 125 ms was missed on a loaded machine)
        emulator.setFaults(Faults.builder().instanceExpiry(POLL_TIMEOUT.multipliedBy(9).dividedBy(10)).build());
        LongPollingClient instance = LongPollingClient.create(consumer, "");

        assertThat(instance.poll("event", "").statusCode()).isEqualTo(204);
        assertThat(state.sessions("consumer")).isEqualTo(1);

        assertThat(instance.poll("event", "").statusCode()).isEqualTo(204);
    }

    @Test
    void aUrlBuiltByHandAnswers404() {
        LongPollingClient instance = LongPollingClient.create(consumer, "");
        String base = instance.base().toString();
        String bridge = bridge(instance.base());

        List<String> handMade = List.of(
                base.replace("/" + bridge + "/", "/bridge-00000000/"),
                base.replace("/" + bridge + "/", "/"),
                base.replace("/~default/", "/other/").replace("/%7Edefault/", "/other/"));

        assertThat(handMade).allSatisfy(url -> assertThat(consumer.send(HttpRequest.newBuilder(
                URI.create(url + "/event")).GET().build()).statusCode()).as(url).isEqualTo(404));
    }

    @Test
    void anotherClientCannotUseTheInstance() {
        LongPollingClient instance = LongPollingClient.create(consumer, "");
        TestClient stranger = TestClient.of(emulator, "producer");

        HttpResponse<String> response = stranger.send(HttpRequest.newBuilder(
                URI.create(instance.base() + "/event")).GET().build());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    /** The first path segment of a base address: the bridge name. */
    private static String bridge(URI base) {
        return base.getPath().split("/")[1];
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("not JSON: " + text, e);
        }
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }

    /** Offsets are given anew on each delivery; everything else must be byte for byte the same. */
    private static String withoutOffsets(String json) {
        return json.replaceAll("\"offset\":\"[0-9]+\"", "\"offset\":\"*\"");
    }
}
