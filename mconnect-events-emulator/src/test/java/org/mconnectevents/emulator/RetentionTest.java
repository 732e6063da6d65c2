package org.mconnectevents.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.ProducerAndConsumerSupport;
import org.mconnectevents.emulator.support.Received;
import org.mconnectevents.emulator.support.RecordingWebSocket;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.emulator.support.Soon.soon;

/**
 * Retention: events are kept for the configured time (120 hours on the service, one second here); a consumer
 * that comes later than that misses them, while one within it still gets them.
 */
class RetentionTest extends ProducerAndConsumerSupport {

    private static final Duration RETENTION = Duration.ofSeconds(1);

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml(ProducerAndConsumerSupport.yaml("retention: " + RETENTION));

    @Test
    void eventsOlderThanTheRetentionAreNotDeliveredToAGroupThatConnectsLater() {
        consumer.connect("group=early").close();
        producer.produceWithKey("customer:7", "old-1", "old-2", "old-3");
        assertThat(state.pending("consumer", "early")).isEqualTo(3);
        soon().atMost(RETENTION.multipliedBy(5)).until(() -> state.pending("consumer", "early") == 0);

        RecordingWebSocket late = consumer.connect("group=late");
        producer.produceWithKey("customer:7", "new-1");

        soon().until(() -> late.count() >= 1);
        assertThat(Received.ids(late)).as("same key, so older events would have come first")
                .containsExactly("new-1");
    }

    @Test
    void anEventWithinTheRetentionReachesAGroupThatConnectsLater() {
        producer.produceWithKey("customer:7", "recent-1");

        RecordingWebSocket late = consumer.connect("group=later");

        soon().atMost(RETENTION).until(() -> late.count() == 1);
        assertThat(Received.ids(late)).containsExactly("recent-1");
    }

    @Test
    void deadEventsOlderThanTheRetentionAreForgotten() {
        RecordingWebSocket session = consumer.connect("");
        producer.produce("order-1");
        soon().until(() -> session.count() == 1);

        session.send("dead:" + session.events().get(0));
        soon().until(() -> emulator.deadEvents("consumer").size() == 1);

        soon().atMost(RETENTION.multipliedBy(5)).until(() -> emulator.deadEvents("consumer").isEmpty());
        assertThat(state.queue("consumer", "dead").path("pending").asInt()).isZero();
    }
}
