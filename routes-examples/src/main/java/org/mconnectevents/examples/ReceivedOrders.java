package org.mconnectevents.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.mconnectevents.camel.MConnectEventsConstants;

/** The consumer's business write: stores a received order, in the route's transaction. */
public final class ReceivedOrders {

    /** The header the enrichment step fills with the customer's name. */
    public static final String CUSTOMER_NAME = "CustomerName";

    private final ObjectMapper json = new ObjectMapper();
    private final EntityManager entityManager;

    /** @param entityManager the transaction's entity manager (a shared one, bound to the current transaction) */
    public ReceivedOrders(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Stores the order the consumed event carries. */
    public void store(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String source = message.getHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE, String.class);
        String id = message.getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class);
        JsonNode order = json.readTree(message.getBody(String.class));
        entityManager.persist(new ReceivedOrder(required(order, "/orderId", source, id),
                required(order, "/customer/idnp", source, id), message.getHeader(CUSTOMER_NAME, String.class),
                required(order, "/item", source, id), order.path("quantity").asInt(1), source, id,
                OffsetDateTime.now(ZoneOffset.UTC)));
    }

    /** A field the order cannot do without; its absence is structural: the event goes dead with this reason. */
    private static String required(JsonNode order, String pointer, String source, String id) {
        String value = order.at(pointer).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("event " + source + " / " + id + " is not a usable order: "
                    + pointer + " is missing. Fix the producer; the event was reported dead.");
        }
        return value;
    }
}
