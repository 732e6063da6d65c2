package org.mconnectevents.camel.jpa.outbox;

import io.cloudevents.CloudEvent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.mconnectevents.camel.MConnectEventsEndpoint;
import org.mconnectevents.client.EventRules;
import org.mconnectevents.camel.jpa.TransactionalEntityManager;

/**
 * Writes the exchange's event to the outbox table with the EntityManager of the route's transaction (see
 * {@link TransactionalEntityManager}); outside a transaction it refuses, naming the event. Made by {@link Outbox#append(EntityManagerFactory)}.
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
        EntityManager entityManager = TransactionalEntityManager.of(exchange, entityManagerFactory, "the outbox row of " + EventRules.name(event));
        entityManager.persist(row);
        endpoint.eventTaken(exchange);
        exchange.getMessage().setHeader(OUTBOX_ID, row.getId());
    }
}
