package org.mconnectevents.soak.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.mconnectevents.camel.MConnectEventsConstants;

/**
 * The consumer's business effect, in the route's transaction: applies a ledger event ({@code {"key", "seq", ...}}) to
 * its key's state and records the effect. An event that is not its key's next one (the last applied plus one) is an
 * order violation: recorded in {@code soak_violation}, and applied all the same so that the soak counts every one.
 * A delivery the idempotent repository recognised is recorded in {@code soak_duplicate} instead.
 */
public final class Ledger {

    private final ObjectMapper json = new ObjectMapper();
    private final EntityManager entityManager;
    private final String consumer;

    /** @param entityManager the transaction's entity manager (a shared one) */
    public Ledger(EntityManager entityManager, String consumer) {
        this.entityManager = entityManager;
        this.consumer = consumer;
    }

    /** Applies the event's entry: its key's next sequence number. */
    public void apply(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String eventId = message.getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class);
        JsonNode data = json.readTree(message.getBody(String.class));
        String key = data.path("key").asText("");
        long seq = data.path("seq").asLong(0);
        if (key.isBlank() || seq < 1) {
            throw new IllegalArgumentException("event " + describe(message) + " breaks the ledger's rule: its data needs "
                    + "a key and a sequence number of 1 or more");
        }
        List<?> state = entityManager.createNativeQuery("SELECT last_seq FROM soak_key_state WHERE partition_key = ?1 FOR UPDATE")
                .setParameter(1, key).getResultList();
        if (state.isEmpty()) {
            throw new IllegalArgumentException("event " + describe(message) + " breaks the ledger's rule: its key is not "
                    + "one of the ledger's keys");
        }
        long last = ((Number) state.get(0)).longValue();
        if (seq != last + 1) {
            entityManager.createNativeQuery("INSERT INTO soak_violation (event_id, partition_key, seq, last_seq, consumer) "
                    + "VALUES (?1, ?2, ?3, ?4, ?5)").setParameter(1, eventId).setParameter(2, key).setParameter(3, seq)
                    .setParameter(4, last).setParameter(5, consumer).executeUpdate();
        }
        entityManager.createNativeQuery("UPDATE soak_key_state SET last_seq = GREATEST(last_seq, ?1) WHERE partition_key = ?2")
                .setParameter(1, seq).setParameter(2, key).executeUpdate();
        entityManager.createNativeQuery("INSERT INTO soak_effect (event_id, partition_key, seq, consumer, applied_at) "
                + "VALUES (?1, ?2, ?3, ?4, now())").setParameter(1, eventId).setParameter(2, key).setParameter(3, seq)
                .setParameter(4, consumer).executeUpdate();
    }

    /** Records a delivery of an event processed before (the idempotent repository found its key). */
    public void duplicate(Exchange exchange) {
        entityManager.createNativeQuery("INSERT INTO soak_duplicate (event_id, consumer) VALUES (?1, ?2)")
                .setParameter(1, exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class))
                .setParameter(2, consumer).executeUpdate();
    }

    private static String describe(Message message) {
        return message.getHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE, String.class) + "/"
                + message.getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class);
    }
}
