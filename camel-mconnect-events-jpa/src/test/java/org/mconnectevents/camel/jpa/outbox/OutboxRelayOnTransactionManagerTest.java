package org.mconnectevents.camel.jpa.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.jpa.support.TestDatabase;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

/**
 * The outbox relay on the application's Spring transaction manager (the {@code transactionManager} parameter of the
 * relay template): every test of the contract again, on H2, with a {@link JpaTransactionManager} over the relay's
 * DataSource, as a Spring Boot application has one; and what the relay does with a manager of another DataSource.
 */
class OutboxRelayOnTransactionManagerTest extends OutboxRelayContract {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final List<EntityManagerFactory> factories = new ArrayList<>();
    private final AtomicInteger commits = new AtomicInteger();

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        factories.forEach(EntityManagerFactory::close);
    }

    /** The relay as the contract starts it, given a JPA transaction manager over the DataSource it uses. */
    @Override
    protected void startRelay(String routeId, String... parameters) throws Exception {
        List<String> withManager = new ArrayList<>(Arrays.asList(parameters));
        int named = withManager.indexOf("dataSource");
        DataSource dataSource = named >= 0 && named % 2 == 0
                ? context.getRegistry().lookupByNameAndType(withManager.get(named + 1), DataSource.class) : database.dataSource();
        context.getRegistry().bind(routeId + "Transactions", counting(jpaTransactionManager(dataSource)));
        withManager.addAll(List.of("transactionManager", routeId + "Transactions"));
        super.startRelay(routeId, withManager.toArray(String[]::new));
    }

    @Test
    void everyDrainIsATransactionOfTheApplicationsManager() throws Exception {
        consumeAll();
        insert(orders("order-", 30, n -> "customer-" + n % 3));
        startRelay("relay");

        await().atMost(BOUND).until(() -> count("sent_at IS NULL") == 0);
        assertThat(consumedCount()).isEqualTo(30);
        assertThat(commits.get()).as("transactions the manager committed").isPositive();
    }

    @Test
    void aManagerThatDoesNotManageTheOutboxDataSourceIsRefusedAndNothingIsSent() throws Exception {
        consumeAll();
        insert(orders("order-", 5, n -> null));
        TestDatabase other = TestDatabase.open(TestDatabase.Kind.H2, 1);
        try {
            context.getRegistry().bind("otherTransactions", jpaTransactionManager(other.dataSource()));
            super.startRelay("relay", "transactionManager", "otherTransactions");
            OutboxRelay relay = context.getRegistry().lookupByNameAndType("outbox-relay", OutboxRelay.class);

            await().atMost(BOUND).untilAsserted(() -> assertThat(relay.getLastError())
                    .contains("does not manage the outbox's DataSource"));
            assertThat(count("sent_at IS NULL")).isEqualTo(5);
            assertThat(consumedCount()).isZero();
        } finally {
            context.stop();
            other.close();
        }
    }

    private JpaTransactionManager jpaTransactionManager(DataSource dataSource) {
        HibernatePersistenceConfiguration configuration = new HibernatePersistenceConfiguration("relay-" + factories.size());
        configuration.managedClass(OutboxEvent.class);
        configuration.property("jakarta.persistence.nonJtaDataSource", dataSource);
        configuration.property("hibernate.hbm2ddl.auto", "none");
        EntityManagerFactory factory = configuration.createEntityManagerFactory();
        factories.add(factory);
        JpaTransactionManager manager = new JpaTransactionManager(factory);
        // Spring Boot's factory tells its manager its DataSource and its dialect; a plain Hibernate factory does not
        manager.setDataSource(dataSource);
        manager.setJpaDialect(new HibernateJpaDialect());
        manager.afterPropertiesSet();
        return manager;
    }

    /** The manager, counting what it commits. */
    private PlatformTransactionManager counting(PlatformTransactionManager manager) {
        return new PlatformTransactionManager() {
            @Override
            public TransactionStatus getTransaction(TransactionDefinition definition) {
                return manager.getTransaction(definition);
            }

            @Override
            public void commit(TransactionStatus status) {
                manager.commit(status);
                commits.incrementAndGet();
            }

            @Override
            public void rollback(TransactionStatus status) {
                manager.rollback(status);
            }
        };
    }
}
