package org.mconnectevents.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.RecordingWebSocket;
import org.mconnectevents.emulator.support.TestClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SmokeTest {

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = new MConnectEventsEmulatorExtension();

    @Test
    void producedEventReachesWebSocketConsumer() {
        Emulator emulator = EMULATOR.emulator();
        TestClient producer = TestClient.of(emulator, "demo-producer");
        TestClient consumer = TestClient.of(emulator, "demo-consumer");
        RecordingWebSocket socket = consumer.connect("");
        var response = producer.produceBatch("""
                [{"specversion":"1.0","id":"1","source":"urn:asp","type":"ASP.RST.VP.Invalidated","data":{"a":1}}]""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> socket.count() == 1);
        assertThat(socket.events().get(0).get("id").asText()).isEqualTo("1");
        socket.confirm(socket.lastOffset());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                emulator.state().at("/clients/demo-consumer/groups/~default/confirmed").asLong() == 1);
    }
}
