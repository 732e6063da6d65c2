package org.mconnectevents.camel.jpa.idempotency;

import jakarta.persistence.EntityManagerFactory;
import org.apache.camel.component.jpa.TransactionStrategy;
import org.apache.camel.processor.idempotent.jpa.JpaMessageIdRepository;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Idempotent consumption of MConnect Events in one line: camel-jpa's {@link JpaMessageIdRepository}, set up so that
 * the processed-event key is written in the route's own transaction. Inside {@code transacted()},
 * <pre>{@code
 * .idempotentConsumer(EventKey.eventKey(), MConnectEventsIdempotency.jpaRepository(emf, transactionManager, "orders"))
 * }</pre>
 * makes the business write and the key commit together or roll back together: a duplicate delivery finds the key
 * and is skipped (and confirmed); a failed delivery leaves neither, so its redelivery is applied.
 * <p>
 * What it changes from camel-jpa's defaults, and why:
 * <ul>
 * <li>the key is written through Spring's shared entity manager ({@code sharedEntityManager=true}), i.e. the entity
 * manager of the running transaction; camel-jpa's default creates a separate entity manager, outside it;</li>
 * <li>{@code joinTransaction=false}: that entity manager is already the transaction's, and joining again only makes
 * Hibernate warn on every event;</li>
 * <li>its camel-jpa {@code DefaultTransactionStrategy} runs on the given transaction manager with propagation REQUIRED, so it
 * joins the route's transaction (outside one, each key commits on its own, as camel-jpa does by default);</li>
 * <li>a key refused by the unique constraint of {@code CAMEL_MESSAGEPROCESSED} is a {@link ConcurrentDeliveryException},
 * retried and never reported dead; a key added inside the transaction is not deleted again on failure (the rollback
 * did it).</li>
 * </ul>
 * The table comes from the DDL shipped beside this class: {@code org/mconnectevents/camel/jpa/idempotency/message-processed-h2.sql}
 * and {@code message-processed-postgresql.sql}. Put the idempotent consumer first in the transaction, before any
 * business write.
 */
public final class MConnectEventsIdempotency {

    /** The length of camel-jpa's {@code processorName} column. */
    private static final int MAX_PROCESSOR_NAME = 255;

    private MConnectEventsIdempotency() {
    }

    /**
     * A repository of processed event keys for {@code processorName} (one name per consumer group or route, so that two
     * routes consuming the same event each process it once) that joins the transaction {@code transactionManager} runs,
     * which must be the manager of the route's {@code transacted()} policy.
     */
    public static JpaMessageIdRepository jpaRepository(EntityManagerFactory entityManagerFactory,
            PlatformTransactionManager transactionManager, String processorName) {
        if (entityManagerFactory == null || transactionManager == null) {
            throw new IllegalArgumentException("The idempotent repository " + processorName + " needs the entity manager factory "
                    + "and the transaction manager of the route's transaction; one of them is null.");
        }
        requireProcessorName(processorName);
        JpaMessageIdRepository repository = new RouteTransactionMessageIdRepository(entityManagerFactory,
                SpringTransactionStrategy.of(entityManagerFactory, transactionManager), processorName);
        repository.setSharedEntityManager(true);
        repository.setJoinTransaction(false);
        return repository;
    }

    /**
     * A repository of processed event keys for {@code processorName} in JTA transactions, where there is no Spring
     * transaction manager: on Camel Quarkus, with camel-quarkus-jpa's {@code QuarkusTransactionStrategy} (it joins the
     * running Narayana transaction) inside {@code transacted()} (camel-quarkus-jta's {@code PROPAGATION_REQUIRED}).
     * The key is written with the exchange's entity manager, joined to the JTA transaction (camel-jpa's own; Spring's
     * shared entity manager is not used), so it commits or rolls back with the route's other writes.
     */
    public static JpaMessageIdRepository jtaRepository(EntityManagerFactory entityManagerFactory,
            TransactionStrategy transactionStrategy, String processorName) {
        if (entityManagerFactory == null || transactionStrategy == null) {
            throw new IllegalArgumentException("The idempotent repository " + processorName + " needs the entity manager factory "
                    + "and the transaction strategy of the route's JTA transaction; one of them is null.");
        }
        requireProcessorName(processorName);
        JpaMessageIdRepository repository = new RouteTransactionMessageIdRepository(entityManagerFactory, transactionStrategy,
                processorName);
        repository.setSharedEntityManager(false);
        repository.setJoinTransaction(true);
        return repository;
    }

    private static void requireProcessorName(String processorName) {
        if (processorName == null || processorName.isBlank() || processorName.length() > MAX_PROCESSOR_NAME) {
            throw new IllegalArgumentException("The processor name of an idempotent repository names the consumer (e.g. its "
                    + "group) in CAMEL_MESSAGEPROCESSED.processorName: 1 to " + MAX_PROCESSOR_NAME + " characters, not '"
                    + processorName + "'.");
        }
    }

    /**
     * As {@link #jpaRepository(EntityManagerFactory, PlatformTransactionManager, String)} with a JPA transaction manager
     * of its own over the factory. Spring binds a JPA transaction to its entity manager factory, so this joins the
     * transaction of any {@link JpaTransactionManager} over the same factory; with another kind of transaction manager,
     * pass it explicitly.
     */
    public static JpaMessageIdRepository jpaRepository(EntityManagerFactory entityManagerFactory, String processorName) {
        if (entityManagerFactory == null) {
            throw new IllegalArgumentException("The idempotent repository " + processorName + " needs an entity manager factory.");
        }
        return jpaRepository(entityManagerFactory, SpringTransactionStrategy.jpaTransactionManager(entityManagerFactory),
                processorName);
    }
}
