package org.mconnectevents.camel.jpa.idempotency;

import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.processor.idempotent.jpa.JpaMessageIdRepository;
import org.apache.camel.processor.idempotent.jpa.MessageProcessed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mconnectevents.camel.jpa.schema.SqlScripts;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.jpa.support.TestDatabase;
import org.mconnectevents.camel.jpa.support.TestEntityManagers;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * Two deliveries of one event processed at the same time (a redelivery to another session while the first still
 * runs) both find no key; the unique constraint lets only one commit. The other waits for it, then fails with a
 * {@link ConcurrentDeliveryException}, a technical failure: rolled back, retried, and then skipped as a duplicate.
 */
class ConcurrentDeliveryTest {

    private final ExecutorService deliveries = Executors.newFixedThreadPool(2);
    private TestDatabase database;
    private EntityManagerFactory factory;

    @ParameterizedTest(name = "on {0}")
    @EnumSource(TestDatabase.Kind.class)
    void ofTwoConcurrentDeliveriesOfOneEventOnlyOneCommitsItsKeyAndTheOtherFailsTechnically(TestDatabase.Kind kind)
            throws Exception {
        database = TestDatabase.open(kind).apply(SqlScripts.Tables.IDEMPOTENCY.script(kind.name()));
        factory = TestEntityManagers.factory(database, MessageProcessed.class);
        JpaTransactionManager manager = TestEntityManagers.transactionManager(factory);
        JpaMessageIdRepository repository = MConnectEventsIdempotency.jpaRepository(factory, manager, "ledger");
        TransactionTemplate transaction = new TransactionTemplate(manager);
        String key = EventKey.of(EmulatorClients.SOURCE, "order-1");
        CountDownLatch firstAdded = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);

        Future<Boolean> first = deliveries.submit(() -> transaction.execute(status -> {
            boolean added = repository.add(key);
            firstAdded.countDown();
            awaitQuietly(commitFirst);
            return added;
        }));
        assertThat(firstAdded.await(10, TimeUnit.SECONDS)).isTrue();
        Future<Boolean> second = deliveries.submit(() -> transaction.execute(status -> repository.add(key)));
        within(10).untilAsserted(() -> assertThat(sessionsWaitingForALock(kind)).as("the second insert waits").isEqualTo(1));
        commitFirst.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(ConcurrentDeliveryException.class)
                .hasMessageContaining("Event key " + key + " was recorded by processor ledger meanwhile")
                .hasMessageContaining("the event comes again and is then skipped as a duplicate");
        assertThat(repository.contains(key)).isTrue();
        assertThat(count("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED")).isEqualTo(1);
    }

    /** H2 shows no blocker for a wait on a unique index, only the insert still executing after the other one finished. */
    private long sessionsWaitingForALock(TestDatabase.Kind kind) throws SQLException {
        return count(kind == TestDatabase.Kind.H2
                ? "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE EXECUTING_STATEMENT LIKE 'insert into CAMEL_MESSAGEPROCESSED%'"
                : "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE 'insert into camel_messageprocessed%'");
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the first delivery commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before the first delivery committed", e);
        }
    }

    @AfterEach
    void close() {
        deliveries.shutdownNow();
        if (factory != null) {
            factory.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
