package org.mconnectevents.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mconnectevents.emulator.config.Faults;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.ProducerAndConsumerSupport;
import org.mconnectevents.emulator.support.ConfirmingConsumer;
import org.mconnectevents.emulator.support.EventProducer;
import org.mconnectevents.emulator.support.Received;
import org.mconnectevents.emulator.support.RecordingWebSocket;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.emulator.support.Soon.soon;

/**
 * At-least-once delivery: what a session did not confirm is delivered again to the next session, whichever
 * way the first one ended, and what it confirmed is not. With the service's faults (sessions closed after a few
 * events, confirmations lost) a consumer that reconnects still ends up confirming every event.
 */
class RedeliveryTest extends ProducerAndConsumerSupport {

    private static final String GROUP = "~default";

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml(ProducerAndConsumerSupport.yaml());

    /** The ways a WebSocket session ends. */
    enum SessionEnd {
        CLIENT_CLOSES((socket, emulator) -> socket.close()),
        CLIENT_DROPS_THE_CONNECTION((socket, emulator) -> socket.abort()),
        SERVICE_CLOSES((socket, emulator) -> emulator.dropSessions());

        private final BiConsumer<RecordingWebSocket, Emulator> end;

        SessionEnd(BiConsumer<RecordingWebSocket, Emulator> end) {
            this.end = end;
        }
    }

    @ParameterizedTest
    @EnumSource(SessionEnd.class)
    void theNextSessionGetsWhatTheClosedOneDidNotConfirmAndNothingItConfirmed(SessionEnd howItEnds) {
        List<String> produced = producer.produceWithKey("customer:1", EventProducer.ids("order", 5));
        RecordingWebSocket first = consumer.connect("");
        soon().until(() -> first.count() == 5);
        first.confirm(Received.offsets(first.events()).get(1));
        soon().until(() -> state.confirmed("consumer", GROUP) == 2);

        howItEnds.end.accept(first, emulator);
        soon().until(() -> state.sessions("consumer") == 0);

        RecordingWebSocket next = consumer.connect("");
        soon().until(() -> next.count() == 3);
        assertThat(Received.ids(next)).isEqualTo(produced.subList(2, 5));
        assertThat(state.inFlight("consumer", GROUP)).isEqualTo(3);
        assertThat(state.pending("consumer", GROUP)).isZero();
    }

    @Test
    void theServiceClosingSessionsAfterAFewEventsLosesNothing() {
        emulator.setFaults(Faults.builder().closeSessionAfterMessages(3).build());
        List<String> produced = producer.produce(EventProducer.ids("order", 20));

        try (ConfirmingConsumer reconnecting = ConfirmingConsumer.start(emulator, consumer, "")) {
            soon().atMost(Duration.ofSeconds(20)).until(() -> state.confirmed("consumer", GROUP) == 20);
            assertThat(reconnecting.receivedIds()).containsExactlyInAnyOrderElementsOf(produced);
            assertThat(reconnecting.connections()).as("sessions of at most 3 events").isGreaterThanOrEqualTo(7);
        }
        assertThat(state.pending("consumer", GROUP)).isZero();
    }

    @Test
    void lostConfirmationsLeaveEventsUnconfirmedUntilTheNextSessionConfirmsThem() {
        emulator.setFaults(Faults.builder().dropConfirmRate(1.0).build());
        List<String> produced = producer.produce(EventProducer.ids("order", 5));

        try (ConfirmingConsumer reconnecting = ConfirmingConsumer.start(emulator, consumer, "")) {
            soon().until(() ->
                    emulator.state().at("/clients/consumer/confirmMessagesDropped").asInt() == 5);
            assertThat(state.confirmed("consumer", GROUP)).isZero();
            assertThat(state.inFlight("consumer", GROUP)).isEqualTo(5);

            emulator.clearFaults();
            emulator.dropSessions();

            soon().until(() -> state.confirmed("consumer", GROUP) == 5);
            assertThat(reconnecting.receivedIds()).containsExactlyInAnyOrderElementsOf(produced);
            assertThat(reconnecting.deliveryCount()).as("each event delivered twice").isEqualTo(10);
        }
    }
}
