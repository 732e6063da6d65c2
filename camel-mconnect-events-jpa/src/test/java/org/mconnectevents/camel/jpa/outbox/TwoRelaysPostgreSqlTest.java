package org.mconnectevents.camel.jpa.outbox;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.jpa.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two relays drain one outbox on PostgreSQL at once: 10,000 events of 100 partition keys arrive complete, and every key
 * in the order its rows were written.
 */
class TwoRelaysPostgreSqlTest extends OutboxRelayTestSupport {

    private static final int EVENTS = 10_000;
    private static final int KEYS = 100;

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }

    @Test
    void twoRelaysNeverReorderAPartitionKey() throws Exception {
        consumeAll();
        insert(orders("order-", EVENTS, n -> "customer-" + n % KEYS));
        // small transactions over few lanes, so that the two relays take turns on the same lanes many times
        startRelay("a", "lanesPerTransaction", "4", "maxEventsPerTransaction", "200", "maxEventsPerRequest", "50");
        startRelay("b", "lanesPerTransaction", "4", "maxEventsPerTransaction", "200", "maxEventsPerRequest", "50");

        await().atMost(Duration.ofSeconds(120)).until(() -> consumedCount() >= EVENTS);
        assertThat(consumedCount()).isEqualTo(EVENTS);
        for (int key = 0; key < KEYS; key++) {
            assertThat(consumedFor("customer-" + key)).hasSize(EVENTS / KEYS)
                    .isSortedAccordingTo(OutboxRelayContract::byNumber);
        }
        OutboxRelay a = context.getRegistry().lookupByNameAndType("outbox-a", OutboxRelay.class);
        OutboxRelay b = context.getRegistry().lookupByNameAndType("outbox-b", OutboxRelay.class);
        // a relay counts a transaction's rows once it has committed, a moment after their events are consumed
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(a.getSentCount() + b.getSentCount()).isEqualTo(EVENTS));
        assertThat(a.getSentCount()).as("relay a worked").isPositive();
        assertThat(b.getSentCount()).as("relay b worked").isPositive();
        assertThat(count("sent_at IS NULL")).isZero();
    }
}
