package org.mconnectevents.examples.interim;

import jakarta.persistence.EntityManagerFactory;
import org.apache.camel.Expression;
import org.apache.camel.builder.ExpressionBuilder;
import org.apache.camel.processor.idempotent.jpa.JpaMessageIdRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * STAND-IN for {@code org.mconnectevents.camel.idempotency.EventKey} and {@code MConnectEventsIdempotency}: the key
 * of a consumed event, and camel-jpa's message-id repository joining the route's Spring transaction, so that the
 * processed key and the business effect commit (or roll back) together.
 */
public final class InterimIdempotency {

    private InterimIdempotency() {
    }

    /** The event's source and id, the pair that identifies an event (a space never occurs in a URI). */
    public static Expression eventKey() {
        return ExpressionBuilder.simpleExpression("${header." + MConnectEventsConstants.CLOUD_EVENT_SOURCE + "} ${header."
                + MConnectEventsConstants.CLOUD_EVENT_ID + "}");
    }

    /** camel-jpa's repository writing its keys in the current Spring transaction (joined, never one of its own). */
    public static IdempotentRepository jpaRepository(EntityManagerFactory entityManagerFactory,
                                                     PlatformTransactionManager transactionManager, String processorName) {
        TransactionTemplate joinTheRouteTransaction = new TransactionTemplate(transactionManager);
        JpaMessageIdRepository repository = new JpaMessageIdRepository(entityManagerFactory,
                work -> joinTheRouteTransaction.executeWithoutResult(status -> work.run()), processorName);
        // Spring's shared entity manager is the transaction's own, so there is nothing to join explicitly
        repository.setSharedEntityManager(true);
        repository.setJoinTransaction(false);
        return repository;
    }
}
