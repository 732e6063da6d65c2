package org.mconnectevents.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.ProducerAndConsumerSupport;
import org.mconnectevents.emulator.support.EmulatorState;
import org.mconnectevents.emulator.support.EventProducer;
import org.mconnectevents.emulator.support.Received;
import org.mconnectevents.emulator.support.RecordingWebSocket;
import org.mconnectevents.emulator.support.TestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.emulator.support.Soon.soon;

/**
 * {@link Emulator#reset()}, which tests sharing one emulator call between them, leaves nothing of the previous
 * test behind: no event, no count, no session.
 */
class EmulatorResetTest {

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml(ProducerAndConsumerSupport.yaml());

    @Test
    void resetForgetsEventsAndCountsAndClosesSessionsAtOnce() {
        Emulator emulator = EMULATOR.emulator();
        EmulatorState state = EmulatorState.of(emulator);
        EventProducer producer = EventProducer.of(emulator, "producer", ProducerAndConsumerSupport.TYPE, "urn:test:orders");
        TestClient consumer = TestClient.of(emulator, "consumer");
        RecordingWebSocket before = consumer.connect("");
        producer.produce("before-1", "before-2", "before-3");
        soon().until(() -> before.count() == 3);
        before.send("dead:" + before.events().get(0));
        before.confirm(before.lastOffset());
        soon().until(() -> state.confirmed("consumer", "~default") == 3);
        producer.produce("unread");

        emulator.reset();

        assertThat(state.sessions("consumer")).as("sessions right after the reset").isZero();
        assertThat(state.confirmed("consumer", "~default")).isZero();
        assertThat(state.inFlight("consumer", "~default")).isZero();
        assertThat(state.pending("consumer", "~default")).isZero();
        assertThat(emulator.deadEvents("consumer")).isEmpty();
        assertThat(emulator.state().path("produced").asLong()).isZero();
        assertThat(before.awaitCloseCode(10)).as("the old session is closed").isEqualTo(1001);

        RecordingWebSocket after = consumer.connect("");
        producer.produce("after-1");
        soon().until(() -> after.count() == 1);
        assertThat(Received.ids(after)).containsExactly("after-1");
    }
}
