package org.mconnectevents.camel.jpa.idempotency;

import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.support.ExpressionAdapter;
import org.mconnectevents.camel.MConnectEventsConstants;

/**
 * The idempotency key of an event: one string per ({@code source}, {@code id}) pair, the pair the service promises
 * to be unique (PROTOCOL.md: "unique {@code id} per source"), so that a redelivered event finds the key its first
 * delivery recorded.
 * <p>
 * The key is unambiguous: the source is written with its length in front ({@code 17:urn:test:registry:order-1}),
 * so no two different pairs give the same key whatever characters they contain. It stays readable, so that an
 * operator finds the row of an event in {@code CAMEL_MESSAGEPROCESSED}. When the readable form would not fit the
 * repository's key column ({@value #DEFAULT_MAX_LENGTH} characters for camel-jpa's {@code MessageProcessed.messageId}),
 * the key is {@value #HASHED_PREFIX} followed by the base64url SHA-256 of the readable form (50 characters). Readable
 * keys start with a digit and hashed keys with a letter, so the two forms never meet.
 */
public final class EventKey {

    /** The length of camel-jpa's {@code messageId} column, the default bound of a key. */
    public static final int DEFAULT_MAX_LENGTH = 255;
    /** What a hashed key starts with. */
    public static final String HASHED_PREFIX = "sha256:";
    /** The length of a hashed key, and so the smallest bound a key can be held to. */
    public static final int HASHED_LENGTH = HASHED_PREFIX.length() + 43;

    private EventKey() {
    }

    /** The key of the event with this source and id, at most {@value #DEFAULT_MAX_LENGTH} characters long. */
    public static String of(String source, String id) {
        return of(source, id, DEFAULT_MAX_LENGTH);
    }

    /**
     * The key of the event with this source and id, at most {@code maxLength} characters long (at least
     * {@link #HASHED_LENGTH}).
     */
    public static String of(String source, String id, int maxLength) {
        if (maxLength < HASHED_LENGTH) {
            throw new IllegalArgumentException("An event key needs up to " + HASHED_LENGTH + " characters; the key column "
                    + "allows " + maxLength + ". Give the repository's key column at least " + HASHED_LENGTH + " characters.");
        }
        requirePresent(source, "source", source, id);
        requirePresent(id, "id", source, id);
        String readable = source.length() + ":" + source + ":" + id;
        return readable.length() <= maxLength ? readable : HASHED_PREFIX + sha256(readable);
    }

    /**
     * A Camel expression giving the key ({@link #of(String, String)}) of the event an exchange carries: its
     * {@code CamelCloudEventSource} and {@code CamelCloudEventID} headers, as an mconnect-events consumer sets them, or
     * else a {@link CloudEvent} body ({@code bodyType=cloudevent}). Use it as the message id expression of
     * {@code idempotentConsumer}.
     */
    public static Expression eventKey() {
        return eventKey(DEFAULT_MAX_LENGTH);
    }

    /** As {@link #eventKey()}, for a key column of {@code maxLength} characters. */
    public static Expression eventKey(int maxLength) {
        if (maxLength < HASHED_LENGTH) {
            of("s", "i", maxLength); // fails now, when the route is built, and says why
        }
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                return keyOf(exchange, maxLength);
            }

            @Override
            public String toString() {
                return "eventKey(source, id)";
            }
        };
    }

    private static String keyOf(Exchange exchange, int maxLength) {
        Message message = exchange.getMessage();
        String source = message.getHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE, String.class);
        String id = message.getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class);
        if ((source == null || id == null) && message.getBody() instanceof CloudEvent event) {
            source = event.getSource() == null ? null : event.getSource().toString();
            id = event.getId();
        }
        if (source == null || id == null) {
            List<String> missing = new ArrayList<>();
            if (source == null) {
                missing.add("header " + MConnectEventsConstants.CLOUD_EVENT_SOURCE);
            }
            if (id == null) {
                missing.add("header " + MConnectEventsConstants.CLOUD_EVENT_ID);
            }
            throw new IllegalArgumentException("No idempotency key for exchange " + exchange.getExchangeId() + ": it carries "
                    + "no consumed event (missing " + String.join(" and ", missing) + ", and the body is not a CloudEvent). "
                    + "EventKey.eventKey() reads the event an mconnect-events consumer received; use it in a route that "
                    + "starts from mconnect-events:events or mconnect-events:test, before anything removes those headers.");
        }
        return of(source, id, maxLength);
    }

    private static void requirePresent(String value, String attribute, String source, String id) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("No idempotency key for the event with source " + source + " and id " + id
                    + ": its " + attribute + " is empty, and the service requires every event to have one.");
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256, which every Java runtime provides, is missing", e);
        }
    }
}
