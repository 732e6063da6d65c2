package org.mconnectevents.emulator.broker;

import java.time.Instant;
import java.util.Locale;

/**
 * A search of the console's events view ({@code GET /emulator/events}); every criterion is optional. {@code client}
 * and {@code group} match exactly; {@code type}, {@code source}, {@code id} and {@code partitionKey} match a part of
 * the attribute, ignoring case; {@code from} and {@code to} bound the time the service stored the event.
 *
 * @param limit the most events answered, newest first
 */
public record EventQuery(String client, String group, String type, String source, String id, String partitionKey,
                         Instant from, Instant to, int limit) {

    /** Whether a stored event matches every criterion but the client and the group. */
    boolean matches(String eventType, String eventSource, String eventId, String eventKey, Instant storedAt) {
        return contains(eventType, type) && contains(eventSource, source) && contains(eventId, id)
                && contains(eventKey, partitionKey)
                && (from == null || !storedAt.isBefore(from)) && (to == null || !storedAt.isAfter(to));
    }

    private static boolean contains(String value, String part) {
        if (part == null || part.isEmpty()) {
            return true;
        }
        return value != null && value.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }
}
