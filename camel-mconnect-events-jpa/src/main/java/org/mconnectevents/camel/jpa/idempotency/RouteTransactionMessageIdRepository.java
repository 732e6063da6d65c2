package org.mconnectevents.camel.jpa.idempotency;

import jakarta.persistence.EntityManagerFactory;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.jpa.TransactionStrategy;
import org.apache.camel.processor.idempotent.jpa.JpaMessageIdRepository;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.mconnectevents.camel.jpa.SpringTransactions;

/**
 * camel-jpa's repository, adjusted to record keys in the route's transaction (see {@link MConnectEventsIdempotency}):
 * <ul>
 * <li>a key refused by the unique constraint because a concurrent delivery of the same event committed it first is a
 * {@link ConcurrentDeliveryException} (technical, retried) rather than camel-jpa's generic {@code PersistenceException}
 * (which the dead channel would take for a structural failure and report the event dead);</li>
 * <li>a key added inside the route's transaction is not removed when the exchange fails: the rollback already took it
 * back, and a delete after the rollback could only find, and delete, the key a concurrent delivery committed.</li>
 * </ul>
 */
final class RouteTransactionMessageIdRepository extends JpaMessageIdRepository {

    /** Exchange property: the key this exchange added inside a transaction, which the rollback removes by itself. */
    static final String KEY_IN_TRANSACTION = "CamelMConnectEventsKeyInTransaction";
    /** SQLState of a unique violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    RouteTransactionMessageIdRepository(EntityManagerFactory factory, TransactionStrategy strategy, String processorName) {
        super(factory, strategy, processorName);
    }

    @Override
    public boolean add(Exchange exchange, String key) {
        // a Spring transaction on this thread, or the route's JTA transaction (transacted(), where Spring is absent)
        boolean inTransaction = SpringTransactions.transactionActive() || (exchange != null && exchange.isTransacted());
        try {
            boolean added = super.add(exchange, key);
            if (added && inTransaction && exchange != null) {
                exchange.setProperty(KEY_IN_TRANSACTION, key);
            }
            return added;
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                throw new ConcurrentDeliveryException(describe(exchange, key) + " was recorded by processor "
                        + getProcessorName() + " meanwhile: another delivery of the same event committed its key first "
                        + "(unique constraint on CAMEL_MESSAGEPROCESSED (processorName, messageId)). This delivery is "
                        + "rolled back; the event comes again and is then skipped as a duplicate.", e);
            }
            throw e;
        }
    }

    @Override
    public boolean remove(Exchange exchange, String key) {
        if (exchange != null && key.equals(exchange.getProperty(KEY_IN_TRANSACTION))) {
            return false;
        }
        return super.remove(exchange, key);
    }

    private static boolean isUniqueViolation(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
            if (current instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Exchange exchange, String key) {
        if (exchange == null) {
            return "Event key " + key;
        }
        return "The event with source " + exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE)
                + " and id " + exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID) + " (key " + key + ")";
    }
}
