package org.mconnectevents.camel.jpa.outbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.jpa.support.TestDatabase;
import org.mconnectevents.emulator.config.Faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A relay whose database session PostgreSQL kills after the service stored its batch and before it answered (the
 * relay's transaction holds the lane locks, uncommitted): the transaction is gone, the rows stay pending, and the next
 * transaction sends them again. Every event arrives, in order per key; the killed transaction's events twice.
 */
class RelayKilledPostgreSqlTest extends OutboxRelayTestSupport {

    private static final String PG_URL = System.getProperty("mconnect.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }

    @Test
    void aRelayKilledMidBatchLosesNothing() throws Exception {
        consumeAll();
        insert(orders("order-", 50, n -> "customer-" + n % 5));
        // the service stores a batch and holds its answer back, so the relay's transaction is open, with its lanes
        // locked, after the events were stored: killed then, it cannot mark them sent, and they go again
        emulator.setFaults(Faults.builder().responseDelay(Duration.ofSeconds(5)).build());
        startRelay("relay");

        await().atMost(Duration.ofSeconds(20)).until(() -> emulator.state().get("produced").asLong() > 0);
        int killed = terminateRelaySessions();
        emulator.clearFaults();
        assertThat(killed).as("relay sessions killed while the service held back the answer to their stored batch").isPositive();

        await().atMost(Duration.ofSeconds(60)).until(() -> count("sent_at IS NULL") == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> consumed.values().stream().flatMap(List::stream).distinct().count() == 50);
        assertThat(consumedCount()).as("the killed transaction's events came twice").isGreaterThan(50);
        for (int key = 0; key < 5; key++) {
            assertThat(consumedFor("customer-" + key).stream().distinct().toList()).hasSize(10)
                    .isSortedAccordingTo(OutboxRelayContract::byNumber);
        }
        assertThat(context.getRegistry().lookupByNameAndType("outbox-relay", OutboxRelay.class).getFailureCount()).isPositive();
    }

    /** Kills the sessions of this test's schema that hold an open transaction on the lane table; answers how many. */
    private int terminateRelaySessions() throws Exception {
        try (Connection connection = DriverManager.getConnection(PG_URL, "postgres", ""); Statement statement = connection.createStatement();
                ResultSet killed = statement.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE state = 'idle in transaction' AND query LIKE '%mconnect_outbox%' AND pid <> pg_backend_pid()")) {
            int count = 0;
            while (killed.next()) {
                count += killed.getBoolean(1) ? 1 : 0;
            }
            return count;
        }
    }
}
