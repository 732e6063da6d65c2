package org.mconnectevents.soak.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.EntityManager;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.mconnectevents.camel.MConnectEventsConstants;

/**
 * Takes a business request of the driver ({@code {"requestId": "k0007-12", "key": "k0007", "seq": 12, "idnp": "..."}})
 * in the route's transaction: writes its business row and leaves its event in the message for the outbox step of the
 * same transaction. A request accepted before (the driver sends it again when the answer was lost, e.g. because this
 * process was killed after the commit) writes nothing and produces no second event: header {@value #ALREADY_ACCEPTED}.
 * A request marked {@code "bad": true} carries no IDNP, so its event breaks the consumer's personal-data rule.
 */
public final class BusinessRequests {

    /** Set to true when the request was accepted before. */
    public static final String ALREADY_ACCEPTED = "SoakAlreadyAccepted";

    private static final String INSERT = "INSERT INTO soak_request (request_id, partition_key, seq, bad, producer, accepted_at) "
            + "VALUES (?1, ?2, ?3, ?4, ?5, now()) ON CONFLICT (request_id) DO NOTHING";

    private final ObjectMapper json = new ObjectMapper();
    private final EntityManager entityManager;
    private final String producer;

    /** @param entityManager the transaction's entity manager (a shared one) */
    public BusinessRequests(EntityManager entityManager, String producer) {
        this.entityManager = entityManager;
        this.producer = producer;
    }

    /** Writes the request's row, unless it is there already, and turns the message into its event. */
    public void accept(Exchange exchange) throws Exception {
        JsonNode request = json.readTree(exchange.getMessage().getBody(String.class));
        String requestId = required(request, "requestId");
        String key = required(request, "key");
        long seq = request.path("seq").asLong();
        boolean bad = request.path("bad").asBoolean(false);
        int inserted = entityManager.createNativeQuery(INSERT).setParameter(1, requestId).setParameter(2, key)
                .setParameter(3, seq).setParameter(4, bad).setParameter(5, producer).executeUpdate();
        Message message = exchange.getMessage();
        message.setHeader(ALREADY_ACCEPTED, inserted == 0);
        ObjectNode data = json.createObjectNode().put("key", key).put("seq", seq);
        if (!bad) {
            data.put("idnp", required(request, "idnp"));
        }
        message.setBody(json.writeValueAsString(data));
        message.setHeader(MConnectEventsConstants.CLOUD_EVENT_ID, requestId);
        message.setHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE, SoakApplications.SOURCE);
        message.setHeader(MConnectEventsConstants.CLOUD_EVENT_TYPE, SoakApplications.TYPE);
        message.setHeader(MConnectEventsConstants.PARTITION_KEY, key);
    }

    private static String required(JsonNode request, String field) {
        String value = request.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a business request needs \"" + field + "\"");
        }
        return value;
    }
}
