package org.mconnectevents.camel.personaldata;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import org.apache.camel.Exchange;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Persists records with Spring's shared entity manager: always the entity manager of the transaction running on this
 * thread, the route's. camel-jpa's {@code JpaHelper.getTargetEntityManager} returns the same one, unless a {@code jpa:}
 * endpoint earlier in the route left an entity manager of its own on the exchange, which is not the transaction's and
 * would drop the records when the exchange completes; hence Spring's, directly.
 */
final class JpaRecordSink implements RecordSink {

    private final EntityManager entityManager;

    JpaRecordSink(EntityManagerFactory factory) {
        if (factory == null) {
            throw new IllegalArgumentException("PersonalDataRecorder.jpa needs the entity manager factory of the route's transaction.");
        }
        this.entityManager = SharedEntityManagerCreator.createSharedEntityManager(factory);
    }

    @Override
    public void write(Exchange exchange, List<PersonalDataRecord> records) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The personal-data record of event (source="
                    + exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE) + ", id="
                    + exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID) + ") is written in the route's "
                    + "transaction, and none is active: put PersonalDataRecorder.jpa(...) after transacted() in the route.");
        }
        records.forEach(entityManager::persist);
    }

    @Override
    public String toString() {
        return "JPA";
    }
}
