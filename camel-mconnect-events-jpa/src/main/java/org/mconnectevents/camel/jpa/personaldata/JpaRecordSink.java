package org.mconnectevents.camel.jpa.personaldata;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import org.apache.camel.Exchange;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.mconnectevents.camel.jpa.TransactionalEntityManager;

/** Persists records with the EntityManager of the route's transaction ({@link TransactionalEntityManager}). */
final class JpaRecordSink implements RecordSink {

    private final EntityManagerFactory factory;

    JpaRecordSink(EntityManagerFactory factory) {
        if (factory == null) {
            throw new IllegalArgumentException("PersonalDataRecorder.jpa needs the entity manager factory of the route's transaction.");
        }
        this.factory = factory;
    }

    @Override
    public void write(Exchange exchange, List<PersonalDataRecord> records) {
        EntityManager entityManager = TransactionalEntityManager.of(exchange, factory, "the personal-data record of event (source="
                + exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE) + ", id="
                + exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID) + ")");
        records.forEach(entityManager::persist);
    }

    @Override
    public String toString() {
        return "JPA";
    }
}
