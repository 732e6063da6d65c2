package org.mconnectevents.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.ProducerAndConsumerSupport;
import org.mconnectevents.emulator.support.Received;
import org.mconnectevents.emulator.support.RecordingWebSocket;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.emulator.support.Soon.soon;

/**
 * Test events (stored by a client for itself with {@code POST /ce/tools/consumer/test}) and dead events (reported
 * by a client's consumer) belong to the client, not to a group: any session of the client may take them, one
 * session at a time, and each is confirmed once. The {@code events}, {@code test} and {@code dead} query
 * parameters choose what a session receives.
 */
class TestAndDeadEventsTest extends ProducerAndConsumerSupport {

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml(ProducerAndConsumerSupport.yaml());

    @Test
    void aTestEventReachesOneSessionOfTheClientWhateverItsGroup() {
        RecordingWebSocket billing = consumer.connect("group=billing");
        RecordingWebSocket shipping = consumer.connect("group=shipping");

        storeTestEvent("test-1");

        soon().until(() -> billing.count() + shipping.count() == 1);
        RecordingWebSocket receiver = billing.count() == 1 ? billing : shipping;
        assertThat(Received.ids(receiver)).containsExactly("test-1");
        assertThat(receiver.events().get(0).path("offset").isTextual()).isTrue();
        assertThat(state.queue("consumer", "test").path("inFlight").asInt()).isEqualTo(1);
    }

    @Test
    void anUnconfirmedTestEventGoesToTheNextSessionAndAConfirmedOneToNoOther() {
        RecordingWebSocket first = consumer.connect("group=billing");
        storeTestEvent("test-1");
        soon().until(() -> first.count() == 1);

        first.close();
        RecordingWebSocket second = consumer.connect("group=shipping");

        soon().until(() -> second.count() == 1);
        assertThat(Received.ids(second)).containsExactly("test-1");
        second.confirm(second.lastOffset());
        soon().until(() ->
                state.queue("consumer", "test").path("confirmed").asInt() == 1);

        second.close();
        RecordingWebSocket third = consumer.connect("");
        producer.produce("order-1");
        soon().until(() -> third.count() == 1);
        assertThat(Received.ids(third)).as("the confirmed test event is not delivered again")
                .containsExactly("order-1");
    }

    @Test
    void aDeadEventReachesASessionThatAsksForDeadEventsWhateverItsGroup() {
        RecordingWebSocket processing = consumer.connect("group=billing");
        RecordingWebSocket deadLetters = consumer.connect("group=repair&events=false&dead=true");
        producer.produce("order-1");
        soon().until(() -> processing.count() == 1);

        processing.send("dead:" + processing.events().get(0));

        soon().until(() -> deadLetters.count() == 1);
        assertThat(Received.ids(deadLetters)).containsExactly("order-1");
        assertThat(processing.count()).as("a session without dead=true gets no dead event").isEqualTo(1);
        assertThat(state.queue("consumer", "dead").path("inFlight").asInt()).isEqualTo(1);
    }

    @Test
    void aSessionWithTestFalseReceivesNoTestEvent() {
        RecordingWebSocket session = consumer.connect("test=false");
        storeTestEvent("test-1");

        producer.produce("order-1");

        soon().until(() -> session.count() == 1);
        assertThat(Received.ids(session)).containsExactly("order-1");
        assertThat(state.queue("consumer", "test").path("pending").asInt()).isEqualTo(1);
    }

    @Test
    void aSessionWithEventsFalseReceivesNoStandardEvent() {
        RecordingWebSocket session = consumer.connect("events=false");
        producer.produce("order-1");

        storeTestEvent("test-1");

        soon().until(() -> session.count() == 1);
        assertThat(Received.ids(session)).containsExactly("test-1");
        assertThat(state.pending("consumer", "~default")).isEqualTo(1);
    }

    @Test
    void aSessionAskingOnlyForDeadEventsReceivesNothingElse() {
        RecordingWebSocket processing = consumer.connect("test=false");
        RecordingWebSocket deadOnly = consumer.connect("group=repair&events=false&test=false&dead=true");
        storeTestEvent("test-1");
        List<String> produced = producer.produce("order-1", "order-2");
        soon().until(() -> processing.count() == 2);

        processing.send("dead:" + processing.events().get(1));

        soon().until(() -> deadOnly.count() == 1);
        assertThat(Received.ids(deadOnly)).containsExactly(produced.get(1));
    }

    /** {@code POST /ce/tools/consumer/test} in binary mode, as the consumer itself. */
    private static void storeTestEvent(String id) {
        HttpResponse<String> response = consumer.send(consumer.request("ce/tools/consumer/test")
                .header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-source", "urn:test:consumer")
                .header("ce-type", TYPE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\"}"))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }
}
