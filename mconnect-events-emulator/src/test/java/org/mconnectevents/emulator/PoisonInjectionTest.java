package org.mconnectevents.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.config.PoisonKind;
import org.mconnectevents.emulator.event.Injection;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.AdminClient;
import org.mconnectevents.emulator.support.CloudEventJson;
import org.mconnectevents.emulator.support.LongPollingClient;
import org.mconnectevents.emulator.support.ProducerAndConsumerSupport;
import org.mconnectevents.emulator.support.Received;
import org.mconnectevents.emulator.support.RecordingWebSocket;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mconnectevents.emulator.support.Soon.soon;

/**
 * Injecting a frame into a client's stream ({@code POST /emulator/clients/{name}/inject}), so that a test can prove
 * that a poison event never stalls a consumer: the frame is stored like a produced event (on the partition of its
 * key, after what was produced before it), takes a real offset in the session that the next cumulative confirmation
 * covers, is delivered again while unconfirmed, and reaches every group of the client, over WebSocket and every
 * long-polling mode. By default the service adds the {@code offset} member to a frame that is a JSON object; a frame
 * that is not, or one injected with {@code "offset": false}, is sent exactly as given.
 */
class PoisonInjectionTest extends ProducerAndConsumerSupport {

    private static final String KEY = "customer:7";
    private static final String GROUP = "~default";
    private static final String NOT_JSON = "not JSON at all {";
    /** Valid per CloudEvents, and yet poison to a client that cannot read merge-patch data. */
    private static final String MERGE_PATCH = """
            {"specversion":"1.0","id":"poison-1","source":"urn:test:orders","type":"%s",\
            "datacontenttype":"application/merge-patch+json","data":{"status":null}}""".formatted(TYPE);

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR =
            MConnectEventsEmulatorExtension.withYaml(ProducerAndConsumerSupport.yaml("pollTimeout: PT1S"));

    private final List<RecordingWebSocket> sockets = new ArrayList<>();
    private AdminClient admin;

    @BeforeEach
    void adminApi() {
        admin = new AdminClient(emulator);
    }

    @AfterEach
    void closeConsumers() {
        sockets.forEach(RecordingWebSocket::close);
    }

    @Test
    void anInjectedEventArrivesWithAnOffsetBetweenTheEventsProducedBeforeAndAfterItOnItsKey() {
        RecordingWebSocket session = consume("");
        producer.produceWithKey(KEY, "before");

        HttpResponse<String> injected = inject("{\"frame\":" + TextNode.valueOf(MERGE_PATCH) + ",\"partitionKey\":\"" + KEY + "\"}");
        producer.produceWithKey(KEY, "after");

        assertThat(injected.statusCode()).as(injected.body()).isEqualTo(200);
        soon().until(() -> session.count() == 3);
        List<JsonNode> events = session.events();
        assertThat(Received.ids(events)).containsExactly("before", "poison-1", "after");
        assertThat(Received.offsets(events)).isSorted().doesNotHaveDuplicates();
        ObjectNode poison = (ObjectNode) events.get(1).deepCopy();
        poison.remove("offset");
        assertThat(poison).isEqualTo(CloudEventJson.parse(MERGE_PATCH));
    }

    @Test
    void aFrameThatIsNotJsonIsSentVerbatimAndTheNextCumulativeConfirmationCoversIt() {
        RecordingWebSocket session = consume("");
        producer.produceWithKey(KEY, "before");
        inject(frame(NOT_JSON, KEY));
        producer.produceWithKey(KEY, "after");
        soon().until(() -> session.frameCount() == 3);

        session.confirm(session.lastOffset());

        assertThat(session.frames().get(1)).isEqualTo(NOT_JSON);
        soon().until(() -> state.confirmed("consumer", GROUP) == 3);
        assertThat(state.inFlight("consumer", GROUP)).isZero();
    }

    @Test
    void withoutTheOffsetAnObjectIsSentExactlyAsGiven() {
        RecordingWebSocket session = consume("");
        String frame = "{ \"id\" : \"no-offset\",\n \"type\":\"" + TYPE + "\" }";

        inject("{\"frame\":" + TextNode.valueOf(frame) + ",\"offset\":false}");

        soon().until(() -> session.frameCount() == 1);
        assertThat(session.frames()).containsExactly(frame);
    }

    @Test
    void anUnconfirmedInjectedFrameComesAgainInTheNextSessionAndAConfirmedOneDoesNot() {
        RecordingWebSocket first = consume("");
        inject(frame(MERGE_PATCH, KEY));
        soon().until(() -> first.count() == 1);
        first.close();

        RecordingWebSocket second = consume("");
        soon().until(() -> second.count() == 1);
        assertThat(Received.ids(second)).containsExactly("poison-1");
        second.confirm(second.lastOffset());
        soon().until(() -> state.confirmed("consumer", GROUP) == 1);
        second.close();

        RecordingWebSocket third = consume("");
        producer.produceWithKey(KEY, "later");
        soon().until(() -> third.count() == 1);
        assertThat(Received.ids(third)).containsExactly("later");
    }

    @Test
    void everyGroupOfTheClientReceivesTheInjectedFrame() {
        RecordingWebSocket billing = consume("group=billing");
        RecordingWebSocket shipping = consume("group=shipping");

        inject(frame(NOT_JSON, null));

        soon().until(() -> billing.frameCount() == 1 && shipping.frameCount() == 1);
        assertThat(billing.frames()).containsExactly(NOT_JSON);
        assertThat(shipping.frames()).containsExactly(NOT_JSON);
    }

    @Test
    void aLongPollingBatchCarriesTheFrameAsOneOfItsElements() {
        LongPollingClient instance = LongPollingClient.create(consumer, "");
        producer.produceWithKey(KEY, "before");
        inject(frame(NOT_JSON, KEY));
        producer.produceWithKey(KEY, "after");

        HttpResponse<String> batch = instance.poll("events", "");

        assertThat(batch.statusCode()).isEqualTo(200);
        assertThat(batch.headers().firstValue("Content-Type")).hasValue("application/cloudevents-batch+json");
        assertThat(batch.body()).startsWith("[{\"specversion\"").contains("}," + NOT_JSON + ",{").endsWith("}]");
    }

    @Test
    void longPollingOneByOneSendsTheFrameAsTheBodyOrInTheBinaryModeAsItsAttributesAndData() {
        LongPollingClient instance = LongPollingClient.create(consumer, "");
        inject(frame(MERGE_PATCH, KEY));
        inject(frame(MERGE_PATCH.replace("poison-1", "poison-2"), KEY));
        inject(frame(NOT_JSON, KEY));

        HttpResponse<String> structured = instance.poll("event", "");
        HttpResponse<byte[]> binary = instance.pollBytes("raw", "");
        HttpResponse<byte[]> notJson = instance.pollBytes("raw", "");

        ObjectNode event = (ObjectNode) CloudEventJson.parse(structured.body());
        assertThat(event.remove("offset")).isNotNull();
        assertThat(event).isEqualTo(CloudEventJson.parse(MERGE_PATCH));
        assertThat(binary.headers().firstValue("ce-id")).hasValue("poison-2");
        assertThat(binary.headers().firstValue("ce-type")).hasValue(TYPE);
        assertThat(binary.headers().firstValue("ce-offset")).isPresent();
        assertThat(binary.headers().firstValue("Content-Type")).hasValue("application/merge-patch+json");
        assertThat(CloudEventJson.parse(new String(binary.body(), StandardCharsets.UTF_8)))
                .isEqualTo(CloudEventJson.parse("{\"status\":null}"));
        assertThat(new String(notJson.body(), StandardCharsets.UTF_8)).isEqualTo(NOT_JSON);
        assertThat(notJson.headers().firstValue("ce-id")).as("an event without any attribute").isEmpty();
        assertThat(notJson.headers().firstValue("ce-offset")).isPresent();
    }

    @Test
    void aMergePatchPoisonIsAValidEventOfTheGivenSourceAndTypeWithObjectData() {
        JsonNode poison = builtInPoison("merge-patch-data");

        assertThat(poison.get("id").asText()).isEqualTo("p-1");
        assertThat(poison.get("source").asText()).isEqualTo("urn:test:orders");
        assertThat(poison.get("type").asText()).isEqualTo(TYPE);
        assertThat(poison.get("partitionkey").asText()).isEqualTo(KEY);
        assertThat(poison.get("datacontenttype").asText()).isEqualTo("application/merge-patch+json");
        assertThat(poison.get("data").isObject()).isTrue();
        assertThat(poison.get("offset").isTextual()).isTrue();
    }

    @Test
    void aMissingIdOrTypePoisonLacksThatAttributeAndHasItsOffset() {
        JsonNode withoutId = builtInPoison("missing-id");
        emulator.reset();
        JsonNode withoutType = builtInPoison("missing-type");

        assertThat(withoutId.has("id")).isFalse();
        assertThat(withoutId.get("type").asText()).isEqualTo(TYPE);
        assertThat(withoutType.has("type")).isFalse();
        assertThat(withoutType.get("id").asText()).isEqualTo("p-1");
        assertThat(List.of(withoutId, withoutType)).allSatisfy(poison -> assertThat(poison.has("offset")).isTrue());
    }

    @Test
    void anOverSizePoisonIsOneByteOverTheEventSizeLimitBeforeItsOffset() {
        ObjectNode poison = (ObjectNode) builtInPoison("over-size-limit");

        poison.remove("offset");

        assertThat(poison.get("id").asText()).isEqualTo("p-1");
        assertThat(poison.toString().getBytes(StandardCharsets.UTF_8)).hasSize(emulator.config().maxEventSize() + 1);
    }

    @Test
    void aWithoutOffsetPoisonIsAValidEventWithNoOffset() {
        JsonNode poison = builtInPoison("without-offset");

        assertThat(poison.get("id").asText()).isEqualTo("p-1");
        assertThat(poison.has("offset")).isFalse();
    }

    @Test
    void aNotJsonPoisonIsAFrameThatIsNotJson() {
        RecordingWebSocket session = consume("");

        inject("{\"poison\":\"not-json\",\"id\":\"p-1\"}");

        soon().until(() -> session.frameCount() == 1);
        assertThat(session.count()).as("frames that parse as JSON").isZero();
        assertThat(session.frames().get(0)).contains("p-1");
    }

    @Test
    void aMistakeInTheInjectionIsRefusedAndInjectsNothing() {
        assertThat(inject("{\"frame\":\"x\",\"event\":{}}").body()).contains("one of frame, event or poison");
        assertThat(inject("{\"frame\":\"x\",\"partitionkey\":\"k\"}").body()).contains("partitionkey", "unknown");
        assertThat(inject("{\"poison\":\"no-such-kind\"}").body()).contains("no-such-kind", "missing-id", "not-json");
        assertThat(inject("{\"event\":{\"id\":\"x\",\"offset\":\"7\"}}").body())
                .contains("offset", "\"offset\": false");
        assertThat(inject("not json").statusCode()).isEqualTo(400);
        assertThat(admin.post("emulator/clients/nobody/inject", "{\"frame\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(emulator.state().at("/clients/consumer/injected").asInt()).isZero();
    }

    @Test
    void theJavaApiInjectsAsTheAdminApiDoes() {
        RecordingWebSocket session = consume("");
        String frame = "{\"id\":\"as-given\"}";

        int partition = emulator.inject("consumer",
                Injection.poison(PoisonKind.MISSING_TYPE, "urn:test:orders", TYPE, "p-1").partitionKey(KEY));
        int samePartition = emulator.inject("consumer", Injection.frame(frame).partitionKey(KEY).withoutOffset());

        assertThat(samePartition).isEqualTo(partition);
        soon().until(() -> session.frameCount() == 2);
        JsonNode poison = session.events().get(0);
        assertThat(poison.get("id").asText()).isEqualTo("p-1");
        assertThat(poison.has("type")).isFalse();
        assertThat(session.frames().get(1)).isEqualTo(frame);
        assertThatThrownBy(() -> emulator.inject("nobody", Injection.frame(frame)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no client named nobody");
    }

    /** Injects a built-in poison with id {@code p-1} on {@link #KEY} and returns it as a WebSocket session receives it. */
    private JsonNode builtInPoison(String kind) {
        RecordingWebSocket session = consume("");
        HttpResponse<String> injected = inject("{\"poison\":\"" + kind + "\",\"source\":\"urn:test:orders\",\"type\":\""
                + TYPE + "\",\"id\":\"p-1\",\"partitionKey\":\"" + KEY + "\"}");
        assertThat(injected.statusCode()).as(injected.body()).isEqualTo(200);
        soon().until(() -> session.count() == 1);
        return session.events().get(0);
    }

    private static String frame(String text, String partitionKey) {
        return "{\"frame\":" + TextNode.valueOf(text)
                + (partitionKey == null ? "" : ",\"partitionKey\":\"" + partitionKey + "\"") + "}";
    }

    private HttpResponse<String> inject(String json) {
        return admin.post("emulator/clients/consumer/inject", json);
    }

    private RecordingWebSocket consume(String query) {
        RecordingWebSocket socket = consumer.connect(query);
        sockets.add(socket);
        return socket;
    }
}
