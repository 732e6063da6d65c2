package org.mconnectevents.camel.jpa.idempotency;

import jakarta.persistence.EntityManagerFactory;
import org.apache.camel.component.jpa.DefaultTransactionStrategy;
import org.apache.camel.component.jpa.TransactionStrategy;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The Spring side of {@link MConnectEventsIdempotency}, in a class of its own: the JVM's verifier loads the types a
 * method assigns to, so {@code MConnectEventsIdempotency} itself must not build Spring objects, or it would not load
 * where Spring is absent (Camel Quarkus, whose {@code jtaRepository} needs none of this).
 */
final class SpringTransactionStrategy {

    private SpringTransactionStrategy() {
    }

    /** camel-jpa's strategy running on {@code transactionManager} with propagation REQUIRED. */
    static TransactionStrategy of(EntityManagerFactory entityManagerFactory, PlatformTransactionManager transactionManager) {
        // the strategy creates a manager of its own over the factory; the given one replaces it before any use
        DefaultTransactionStrategy strategy = new DefaultTransactionStrategy(null, entityManagerFactory);
        strategy.setTransactionManager(transactionManager);
        return strategy;
    }

    /** A JPA transaction manager over the factory, which joins any Spring JPA transaction of that factory. */
    static PlatformTransactionManager jpaTransactionManager(EntityManagerFactory entityManagerFactory) {
        JpaTransactionManager manager = new JpaTransactionManager(entityManagerFactory);
        manager.afterPropertiesSet();
        return manager;
    }
}
