package org.mconnectevents.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.LongPollingClient;
import org.mconnectevents.emulator.support.ProducerAndConsumerSupport;
import org.mconnectevents.emulator.support.RecordingWebSocket;
import org.mconnectevents.emulator.support.TestClient;

import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Consuming is a permission (PROTOCOL.md: 401 "not authorized"): a client registered only as a producer, with no
 * consumed type, may neither create a long-polling consumer instance nor open a consumer WebSocket, as the
 * service refuses them; a client that consumes is not affected.
 */
class ConsumerPermissionTest extends ProducerAndConsumerSupport {

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR =
            MConnectEventsEmulatorExtension.withYaml(ProducerAndConsumerSupport.yaml());

    @Test
    void aProducerOnlyClientCreatingALongPollingInstanceIsRefusedWith401() {
        HttpResponse<String> response = LongPollingClient.createRequest(TestClient.of(emulator, "producer"), "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.body()).contains("client producer", "consumes no event type");
        assertThat(state.sessions("producer")).isZero();
    }

    @Test
    void aProducerOnlyClientOpeningAConsumerWebSocketIsRefusedWith401() {
        URI uri = emulator.webSocketAddress().resolve("ce/consume/ws");

        Throwable refused = catchThrowable(() -> TestClient.of(emulator, "producer").http().newWebSocketBuilder()
                .subprotocols("cloudevents.json").buildAsync(uri, new RecordingWebSocket()).join());

        Throwable cause = refused instanceof CompletionException ? refused.getCause() : refused;
        assertThat(cause).as("the upgrade is refused").isInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) cause).getResponse().statusCode()).isEqualTo(401);
        assertThat(state.sessions("producer")).isZero();
    }

    @Test
    void aConsumingClientStillCreatesAnInstance() {
        HttpResponse<String> response = LongPollingClient.createRequest(consumer, "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
}
