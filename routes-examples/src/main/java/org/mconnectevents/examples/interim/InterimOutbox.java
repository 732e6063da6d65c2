package org.mconnectevents.examples.interim;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/**
 * STAND-IN for {@code org.mconnectevents.camel.outbox.Outbox}: writes the exchange's event (data as the body,
 * attributes from the CamelCloudEvent* headers) as a row of the table {@code interim_outbox}, with the route
 * transaction's entity manager. {@link InterimOutboxRelay} sends the rows.
 */
public final class InterimOutbox {

    private InterimOutbox() {
    }

    /** A processor adding the exchange's event to the outbox in the current transaction (one is required). */
    public static Processor append(EntityManagerFactory entityManagerFactory) {
        EntityManager entityManager = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
        return exchange -> {
            Message message = exchange.getMessage();
            entityManager.createNativeQuery("INSERT INTO interim_outbox (event_id, source, type, subject, partition_key, "
                            + "data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .setParameter(1, message.getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class))
                    .setParameter(2, message.getHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE, String.class))
                    .setParameter(3, message.getHeader(MConnectEventsConstants.CLOUD_EVENT_TYPE, String.class))
                    .setParameter(4, message.getHeader(MConnectEventsConstants.CLOUD_EVENT_SUBJECT, String.class))
                    .setParameter(5, message.getHeader(MConnectEventsConstants.PARTITION_KEY, String.class))
                    .setParameter(6, message.getBody(String.class))
                    .setParameter(7, OffsetDateTime.now(ZoneOffset.UTC))
                    .executeUpdate();
        };
    }
}
