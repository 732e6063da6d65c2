package org.mconnectevents.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.ProducerAndConsumerSupport;
import org.mconnectevents.emulator.support.EventProducer;
import org.mconnectevents.emulator.support.Received;
import org.mconnectevents.emulator.support.RecordingWebSocket;

import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mconnectevents.emulator.support.Soon.soon;

/**
 * Consuming over WebSocket ({@code GET /ce/consume/ws}), as PROTOCOL.md describes it: the upgrade and its
 * query parameters, one CloudEvent with a string {@code offset} per text message, cumulative
 * {@code confirm:<offset>}, {@code dead:<event>}, the close on anything else, and the unconfirmed window.
 */
class WebSocketConsumptionTest extends ProducerAndConsumerSupport {

    private static final int WINDOW = 5;
    private static final String GROUP = "~default";

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml(ProducerAndConsumerSupport.yaml("unconfirmedWindow: " + WINDOW));

    @Test
    void anUpgradeWithoutTheCloudEventsSubProtocolIsRefusedWith400() {
        URI uri = emulator.webSocketAddress().resolve("ce/consume/ws");

        Throwable withoutSubProtocol = catchThrowable(() ->
                consumer.http().newWebSocketBuilder().buildAsync(uri, new RecordingWebSocket()).join());
        Throwable withAnotherSubProtocol = catchThrowable(() -> consumer.http().newWebSocketBuilder()
                .subprotocols("cloudevents.avro").buildAsync(uri, new RecordingWebSocket()).join());

        assertThat(handshakeStatus(withoutSubProtocol)).isEqualTo(400);
        assertThat(handshakeStatus(withAnotherSubProtocol)).isEqualTo(400);
    }

    @Test
    void aPlainGetWithoutUpgradeIsRefusedWith400() {
        HttpResponse<String> response = consumer.send(consumer.request("ce/consume/ws").GET().build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("WebSocket");
    }

    @ParameterizedTest
    @ValueSource(strings = {"events=yes", "test=1", "dead=maybe"})
    void aQueryFlagThatIsNotTrueOrFalseIsRefusedWith400(String query) {
        URI uri = emulator.webSocketAddress().resolve("ce/consume/ws?" + query);

        Throwable refused = catchThrowable(() -> consumer.http().newWebSocketBuilder()
                .subprotocols("cloudevents.json").buildAsync(uri, new RecordingWebSocket()).join());

        assertThat(handshakeStatus(refused)).isEqualTo(400);
    }

    @Test
    void eachEventArrivesAsACloudEventWhoseOffsetIsAStringHoldingAGrowingInteger() {
        RecordingWebSocket socket = consumer.connect("");

        List<String> produced = producer.produceWithKey("customer:1", EventProducer.ids("order", WINDOW));

        soon().until(() -> socket.count() == WINDOW);
        List<JsonNode> events = socket.events();
        assertThat(Received.ids(events)).isEqualTo(produced);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("type").asText()).isEqualTo(TYPE);
            assertThat(event.path("source").asText()).isEqualTo("urn:test:orders");
            assertThat(event.path("data").path("id").asText()).isEqualTo(event.path("id").asText());
            assertThat(event.path("offset").isTextual()).as("offset is a JSON string").isTrue();
            assertThat(event.path("offset").asText()).matches("-?\\d+");
        });
        assertThat(Received.offsets(events)).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void confirmingAnOffsetConfirmsEveryEventOfTheSessionUpToIt() {
        RecordingWebSocket socket = consumer.connect("");
        producer.produceWithKey("customer:1", EventProducer.ids("order", 5));
        soon().until(() -> socket.count() == 5);
        List<Long> offsets = Received.offsets(socket.events());

        socket.confirm(offsets.get(2));

        soon().until(() -> state.confirmed("consumer", GROUP) == 3);
        assertThat(state.inFlight("consumer", GROUP)).isEqualTo(2);

        socket.confirm(offsets.get(4));

        soon().until(() -> state.confirmed("consumer", GROUP) == 5);
        assertThat(state.inFlight("consumer", GROUP)).isZero();
    }

    @Test
    void theGroupParameterNamesTheConsumerGroupAndItsDefaultIsTilde() {
        RecordingWebSocket billing = consumer.connect("group=billing");
        RecordingWebSocket unnamed = consumer.connect("");

        producer.produce("order-1");

        soon().until(() -> billing.count() == 1 && unnamed.count() == 1);
        assertThat(state.inFlight("consumer", "billing")).isEqualTo(1);
        assertThat(state.inFlight("consumer", "~default")).isEqualTo(1);
    }

    @Test
    void reportingAnEventDeadStoresItForTheClientAndDoesNotConfirmIt() {
        RecordingWebSocket socket = consumer.connect("");
        producer.produce("order-1");
        soon().until(() -> socket.count() == 1);
        ObjectNode dead = (ObjectNode) socket.events().get(0).deepCopy();
        dead.put("failure", "no customer with this number");

        socket.send("dead:" + dead);

        soon().until(() -> emulator.deadEvents("consumer").size() == 1);
        JsonNode stored = emulator.deadEvents("consumer").get(0);
        assertThat(stored.path("id").asText()).isEqualTo("order-1");
        assertThat(stored.path("failure").asText()).as("the consumer's change is kept")
                .isEqualTo("no customer with this number");
        assertThat(state.confirmed("consumer", GROUP)).isZero();
        assertThat(state.inFlight("consumer", GROUP)).isEqualTo(1);

        socket.confirm(socket.lastOffset());

        soon().until(() -> state.confirmed("consumer", GROUP) == 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ack:1", "hello", "CONFIRM:1", "confirm:", "confirm:abc", "confirm:1.5", "dead:{not json"})
    void anyOtherMessageClosesTheConnectionWithPolicyViolation(String message) {
        RecordingWebSocket socket = consumer.connect("");

        socket.send(message);

        assertThat(socket.awaitCloseCode(10)).isEqualTo(1008);
        assertThat(socket.closeReason()).isNotBlank();
    }

    @Test
    void aSessionHoldsAtMostTheUnconfirmedWindowAndGetsMoreOnlyAfterConfirming() {
        RecordingWebSocket socket = consumer.connect("");

        List<String> produced = producer.produceWithKey("customer:1", EventProducer.ids("order", 12));

        soon().until(() -> socket.count() == WINDOW);
        assertThat(state.inFlight("consumer", GROUP)).isEqualTo(WINDOW);
        assertThat(state.pending("consumer", GROUP)).isEqualTo(12 - WINDOW);
        assertThat(socket.count()).isEqualTo(WINDOW);

        socket.confirm(Received.offsets(socket.events()).get(1));

        soon().until(() -> socket.count() == WINDOW + 2);
        assertThat(Received.ids(socket)).isEqualTo(produced.subList(0, WINDOW + 2));
        assertThat(state.inFlight("consumer", GROUP)).isEqualTo(WINDOW);
        assertThat(state.pending("consumer", GROUP)).isEqualTo(12 - WINDOW - 2);
    }

    /** The HTTP status the server answered to a refused WebSocket upgrade. */
    private static int handshakeStatus(Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        assertThat(cause).as("the upgrade is refused").isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) cause).getResponse().statusCode();
    }
}
