package org.mconnectevents.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.ProducerAndConsumerSupport;
import org.mconnectevents.emulator.support.EventProducer;
import org.mconnectevents.emulator.support.Received;
import org.mconnectevents.emulator.support.RecordingWebSocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.emulator.support.Soon.soon;

/**
 * Consumer groups and partitions: sessions of one client in one group share the 12 partitions and rebalance
 * when one joins or leaves, never holding the same event at once; every group gets every event; events of one
 * partition key keep their order; events without a key are spread over the partitions.
 */
class GroupsAndPartitionsTest extends ProducerAndConsumerSupport {

    private static final String GROUP = "~default";
    private static final int PARTITIONS = 12;

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml(ProducerAndConsumerSupport.yaml("partitions: " + PARTITIONS));

    @Test
    void twoSessionsOfAGroupEachGetAPartAndTogetherAllWithoutAnEventInBoth() {
        RecordingWebSocket first = join("");
        RecordingWebSocket second = join("");

        List<String> produced = producer.produce(EventProducer.ids("order", 2 * PARTITIONS));

        soon().until(() -> first.count() + second.count() == produced.size());
        assertThat(first.count()).as("half of the partitions each").isEqualTo(PARTITIONS);
        assertThat(second.count()).isEqualTo(PARTITIONS);
        assertThat(Received.ids(first)).doesNotContainAnyElementsOf(Received.ids(second));
        assertThat(union(first, second)).containsExactlyInAnyOrderElementsOf(produced);
    }

    @Test
    void aJoiningSessionTakesOverPartitionsOnceTheEventsInFlightThereAreConfirmed() {
        RecordingWebSocket first = join("");
        List<String> before = producer.produce(EventProducer.ids("before", PARTITIONS));
        soon().until(() -> first.count() == PARTITIONS);

        RecordingWebSocket second = join("");
        List<String> after = producer.produce(EventProducer.ids("after", PARTITIONS));

        soon().until(() -> first.count() == PARTITIONS + PARTITIONS / 2);
        assertThat(state.pending("consumer", GROUP))
                .as("the partitions moving to the new session wait while the first still holds events there")
                .isEqualTo(PARTITIONS / 2);
        assertThat(second.count()).isZero();

        first.confirm(first.lastOffset());

        soon().until(() -> second.count() == PARTITIONS / 2);
        assertThat(Received.ids(second)).doesNotContainAnyElementsOf(Received.ids(first));
        assertThat(union(first, second)).containsExactlyInAnyOrderElementsOf(concat(before, after));
    }

    @Test
    void whenASessionLeavesTheOtherGetsEverythingIncludingTheLeaversUnconfirmedEvents() {
        RecordingWebSocket staying = join("");
        RecordingWebSocket leaving = join("");
        List<String> before = producer.produce(EventProducer.ids("before", PARTITIONS));
        soon().until(() -> staying.count() + leaving.count() == PARTITIONS);
        List<String> unconfirmedByTheLeaver = Received.ids(leaving);

        leaving.close();
        soon().until(() -> state.sessions("consumer", GROUP) == 1);
        List<String> after = producer.produce(EventProducer.ids("after", PARTITIONS));

        soon().until(() -> staying.count() == 2 * PARTITIONS);
        assertThat(Received.ids(staying)).containsAll(unconfirmedByTheLeaver).containsAll(after);
        assertThat(Received.ids(staying)).containsExactlyInAnyOrderElementsOf(concat(before, after));
    }

    @Test
    void everyGroupGetsEveryEvent() {
        RecordingWebSocket billing = consumer.connect("group=billing");
        RecordingWebSocket shipping = consumer.connect("group=shipping");

        List<String> produced = producer.produce(EventProducer.ids("order", 10));

        soon().until(() -> billing.count() == 10 && shipping.count() == 10);
        assertThat(Received.ids(billing)).containsExactlyInAnyOrderElementsOf(produced);
        assertThat(Received.ids(shipping)).containsExactlyInAnyOrderElementsOf(produced);
    }

    @Test
    void eventsWithoutAKeyAreSpreadOverThePartitionsRoundRobin() {
        List<RecordingWebSocket> sessions = List.of(join(""), join(""), join(""));

        producer.produce(EventProducer.ids("order", PARTITIONS));

        soon().until(() ->
                sessions.stream().mapToInt(RecordingWebSocket::count).sum() == PARTITIONS);
        assertThat(sessions).as("one event per partition, four partitions per session")
                .allSatisfy(session -> assertThat(session.count()).isEqualTo(PARTITIONS / 3));
    }

    @Test
    void eventsWithTheSameKeyAllGoToOneSessionOfTheGroup() {
        List<RecordingWebSocket> sessions = List.of(join(""), join(""), join(""));

        List<String> produced = producer.produceWithKey("idnp:2134567890123", EventProducer.ids("order", 9));

        soon().until(() ->
                sessions.stream().mapToInt(RecordingWebSocket::count).sum() == produced.size());
        assertThat(sessions).filteredOn(session -> session.count() > 0).singleElement()
                .satisfies(session -> assertThat(Received.ids(session)).isEqualTo(produced));
    }

    @Test
    void eventsOfOnePartitionKeyArriveInTheOrderProducedUnderConcurrentProducers() throws Exception {
        int producers = 4;
        int batches = 10;
        int keys = 20;
        RecordingWebSocket session = consumer.connect("");

        ExecutorService threads = Executors.newFixedThreadPool(producers);
        try {
            CompletableFuture.allOf(IntStream.range(0, producers).mapToObj(p -> CompletableFuture.runAsync(() -> {
                for (int batch = 0; batch < batches; batch++) {
                    List<ObjectNode> events = new ArrayList<>();
                    for (int key = 0; key < keys; key++) {
                        ObjectNode event = producer.event("p" + p + "-b" + batch + "-k" + key)
                                .put("partitionkey", "idnp:" + key);
                        ((ObjectNode) event.get("data")).put("producer", p).put("sequence", batch);
                        events.add(event);
                    }
                    producer.produce(events);
                }
            }, threads)).toArray(CompletableFuture[]::new)).get();
        } finally {
            threads.shutdownNow();
        }

        int total = producers * batches * keys;
        soon().atMost(Duration.ofSeconds(20)).until(() -> session.count() == total);
        Map<String, Integer> lastSequence = new HashMap<>();
        for (JsonNode event : session.events()) {
            String keyAndProducer = event.path("partitionkey").asText() + " from producer "
                    + event.path("data").path("producer").asInt();
            int sequence = event.path("data").path("sequence").asInt();
            Integer previous = lastSequence.put(keyAndProducer, sequence);
            assertThat(previous == null ? -1 : previous).as("sequence of %s", keyAndProducer).isLessThan(sequence);
        }
        assertThat(lastSequence).hasSize(producers * keys);
        assertThat(new HashSet<>(Received.ids(session))).hasSize(total);
    }

    /** Connects one more session to the default group and waits until the service has it in the group. */
    private static RecordingWebSocket join(String query) {
        int before = state.sessions("consumer", GROUP);
        RecordingWebSocket session = consumer.connect(query);
        soon().until(() -> state.sessions("consumer", GROUP) == before + 1);
        return session;
    }

    private static Set<String> union(RecordingWebSocket... sessions) {
        Set<String> ids = new HashSet<>();
        for (RecordingWebSocket session : sessions) {
            ids.addAll(Received.ids(session));
        }
        return ids;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
