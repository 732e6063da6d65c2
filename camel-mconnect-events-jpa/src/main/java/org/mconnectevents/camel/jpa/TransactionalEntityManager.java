package org.mconnectevents.camel.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.TransactionRequiredException;
import org.apache.camel.Exchange;
import org.apache.camel.component.jpa.JpaHelper;

/**
 * The EntityManager of the route's transaction, for the building blocks that write in it (outbox rows, personal-data
 * records): the one Spring's transaction manager bound to the thread ({@code transacted()} with a
 * {@code JpaTransactionManager}), else camel-jpa's for the exchange joined to a JTA transaction (Narayana on Camel
 * Quarkus, where Spring's transaction classes are absent and never touched). Writing outside a
 * transaction is refused: the write would never be flushed, and an event or record would be lost without a word. The
 * refusal is JPA's {@link TransactionRequiredException}, a technical failure for the dead channel: a route set up
 * wrongly leaves its events unconfirmed until it is fixed, rather than reporting them all dead.
 */
public final class TransactionalEntityManager {

    private TransactionalEntityManager() {
    }

    /**
     * @param what what is being written, for the error message (e.g. "the outbox row of event (source=..., id=...)")
     * @throws TransactionRequiredException when the exchange runs in no transaction of that factory
     */
    public static EntityManager of(Exchange exchange, EntityManagerFactory factory, String what) {
        EntityManager entityManager = SpringTransactions.boundEntityManager(factory);
        if (entityManager == null) {
            entityManager = JpaHelper.getTargetEntityManager(exchange, factory, true, false, true);
            if (entityManager.isOpen()) {
                entityManager.joinTransaction();
            }
        }
        if (!entityManager.isJoinedToTransaction()) {
            throw new TransactionRequiredException("Cannot write " + what + ": the route runs in no transaction of its "
                    + "EntityManagerFactory. Mark the route transacted() (with Spring's JpaTransactionManager over the same "
                    + "factory, or a JTA policy such as Camel Quarkus's PROPAGATION_REQUIRED), so that it commits with "
                    + "the business write.");
        }
        return entityManager;
    }
}
