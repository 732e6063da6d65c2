package org.mconnectevents.examples.interim;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/**
 * STAND-IN for the route template {@code mconnect-events-outbox-relay}: every 250 ms, in one transaction, reads up
 * to 100 unsent outbox rows in creation order, produces them as one batch and marks them sent. A failure rolls the
 * transaction back and the rows are tried again on the next tick (no parking, no back-off, one relay only).
 */
public final class InterimOutboxRelay extends RouteBuilder {

    private static final String SENT_IDS = "outboxRowsSent";

    private final EntityManager entityManager;

    public InterimOutboxRelay(EntityManagerFactory entityManagerFactory) {
        this.entityManager = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
    }

    @Override
    public void configure() {
        from("timer:outbox-relay?period=250").routeId("outbox-relay")
                // a database or service outage: say so in one line, and try again on the next tick
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, "outbox relay: ${exception.message}; trying again").end()
                .to("direct:outbox-relay-batch");

        from("direct:outbox-relay-batch").routeId("outbox-relay-batch")
                .errorHandler(noErrorHandler())
                .transacted()
                .process(this::readUnsentRows)
                .filter(exchangeProperty(SENT_IDS).method("isEmpty").isEqualTo(false))
                    .to("mconnect-events:events")
                    .process(this::markSent);
    }

    private void readUnsentRows(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT id, event_id, source, type, subject, partition_key, "
                + "data FROM interim_outbox WHERE sent_at IS NULL ORDER BY id FETCH FIRST 100 ROWS ONLY")
                .getResultList();
        List<CloudEvent> events = new ArrayList<>();
        List<Number> ids = new ArrayList<>();
        for (Object[] row : rows) {
            ids.add((Number) row[0]);
            CloudEventBuilder event = CloudEventBuilder.v1().withId((String) row[1]).withSource(URI.create((String) row[2]))
                    .withType((String) row[3]).withSubject((String) row[4]).withData("application/json", ((String) row[6]).getBytes(StandardCharsets.UTF_8));
            if (row[5] != null) {
                event.withExtension("partitionkey", (String) row[5]);
            }
            events.add(event.build());
        }
        exchange.setProperty(SENT_IDS, ids);
        exchange.getMessage().setBody(events);
    }

    private void markSent(Exchange exchange) {
        entityManager.createNativeQuery("UPDATE interim_outbox SET sent_at = CURRENT_TIMESTAMP WHERE id IN (:ids)")
                .setParameter("ids", exchange.getProperty(SENT_IDS, List.class))
                .executeUpdate();
    }
}
