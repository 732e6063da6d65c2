package org.mconnectevents.camel.outbox;

import io.cloudevents.CloudEvent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.jpa.JpaHelper;
import org.mconnectevents.camel.MConnectEventsEndpoint;
import org.mconnectevents.camel.client.EventRules;

/**
 * Writes the exchange's event to the outbox table with the EntityManager of the route's transaction (camel-jpa's: the
 * one bound to the exchange, else Spring's transaction-bound one). Made by {@link Outbox#append(EntityManagerFactory)}.
 * The row id is put in the {@value #OUTBOX_ID} header.
 */
public final class OutboxAppender implements Processor {

    /** The header holding the id of the outbox row just written. */
    public static final String OUTBOX_ID = "CamelMConnectEventsOutboxId";

    private final EntityManagerFactory entityManagerFactory;
    private final String endpointUri;

    OutboxAppender(EntityManagerFactory entityManagerFactory, String endpointUri) {
        this.entityManagerFactory = entityManagerFactory;
        this.endpointUri = endpointUri;
    }

    @Override
    public void process(Exchange exchange) {
        MConnectEventsEndpoint endpoint = exchange.getContext().getEndpoint(endpointUri, MConnectEventsEndpoint.class);
        if (endpoint == null) {
            throw new IllegalArgumentException("The outbox takes its event options from an mconnect-events endpoint, and "
                    + endpointUri + " is not one");
        }
        CloudEvent event = endpoint.eventOf(exchange);
        EventRules rules = endpoint.eventRules();
        OutboxEvent row = Outbox.row(event, rules);
        EntityManager entityManager = JpaHelper.getTargetEntityManager(exchange, entityManagerFactory, true, true, true);
        entityManager.persist(row);
        endpoint.eventTaken(exchange);
        exchange.getMessage().setHeader(OUTBOX_ID, row.getId());
    }
}
