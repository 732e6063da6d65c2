package org.mconnectevents.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.mconnectevents.camel.MConnectEventsConstants;

/**
 * Takes an order posted to the shop ({@code {"customerIdnp": "...", "item": "...", "quantity": 2}}): stores it in
 * the route's transaction and leaves the event to produce in the message (data as the body, attributes as
 * headers), ready for the outbox step of the same transaction.
 */
public final class OrderIntake {

    private final ObjectMapper json = new ObjectMapper();
    private final EntityManager entityManager;
    private final String source;
    private final String type;

    /** @param entityManager the transaction's entity manager (a shared one, bound to the current transaction) */
    public OrderIntake(EntityManager entityManager, String source, String type) {
        this.entityManager = entityManager;
        this.source = source;
        this.type = type;
    }

    /** Stores the posted order and turns the message into its {@code Order.Placed} event. */
    public void place(Exchange exchange) throws Exception {
        JsonNode posted = json.readTree(exchange.getMessage().getBody(String.class));
        String customerIdnp = required(posted, "customerIdnp");
        String item = required(posted, "item");
        int quantity = posted.path("quantity").asInt(1);
        PlacedOrder order = new PlacedOrder(UUID.randomUUID().toString(), customerIdnp, item, quantity,
                OffsetDateTime.now(ZoneOffset.UTC));
        entityManager.persist(order);

        Message message = exchange.getMessage();
        message.setBody(json.writeValueAsString(eventData(order)));
        message.setHeader(MConnectEventsConstants.CLOUD_EVENT_ID, order.orderId());
        message.setHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE, source);
        message.setHeader(MConnectEventsConstants.CLOUD_EVENT_TYPE, type);
        message.setHeader(MConnectEventsConstants.CLOUD_EVENT_SUBJECT, "orders/" + order.orderId());
        // the orders of one customer are consumed in the order they were placed
        message.setHeader(MConnectEventsConstants.PARTITION_KEY, "idnp:" + customerIdnp);
    }

    /** The event's data: what a consumer needs, including the data subject for its personal-data record. */
    private ObjectNode eventData(PlacedOrder order) {
        ObjectNode data = json.createObjectNode();
        data.put("orderId", order.orderId());
        data.putObject("customer").put("idnp", order.customerIdnp());
        data.put("item", order.item());
        data.put("quantity", order.quantity());
        return data;
    }

    private static String required(JsonNode posted, String field) {
        String value = posted.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an order needs \"" + field + "\"; posted: " + posted);
        }
        return value;
    }
}
