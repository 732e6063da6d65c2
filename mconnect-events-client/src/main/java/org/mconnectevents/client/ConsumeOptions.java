package org.mconnectevents.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What a consumer session asks for: standard events, its own test events, its own dead events, and the
 * consumer group whose share of the load it takes.
 *
 * @param group        null or empty for the service's default group ({@code ~default})
 * @param maxEventSize the largest consumed event read as one, in bytes of its JSON form (without the offset the service
 *                     adds); a larger one is handed over undecoded, as over the limit (by default the service's 64 KiB)
 */
public record ConsumeOptions(boolean events, boolean test, boolean dead, String group, int maxEventSize) {

    /** The largest event MConnect Events takes, in bytes of its JSON form. */
    public static final int DEFAULT_MAX_EVENT_SIZE = 64 * 1024;

    public ConsumeOptions(boolean events, boolean test, boolean dead, String group) {
        this(events, test, dead, group, DEFAULT_MAX_EVENT_SIZE);
    }

    /** The query string of the consume requests, e.g. {@code events=true&test=false&dead=false&group=registry}. */
    public String query() {
        StringBuilder query = new StringBuilder()
                .append("events=").append(events)
                .append("&test=").append(test)
                .append("&dead=").append(dead);
        if (group != null && !group.isEmpty()) {
            query.append("&group=").append(URLEncoder.encode(group, StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    /** For logs: {@code group registry (events, test)}. */
    public String describe() {
        StringBuilder what = new StringBuilder();
        if (events) {
            what.append("events");
        }
        if (test) {
            what.append(what.length() > 0 ? ", " : "").append("test");
        }
        if (dead) {
            what.append(what.length() > 0 ? ", " : "").append("dead");
        }
        return "group " + (group == null || group.isEmpty() ? "~default" : group) + " (" + what + ")";
    }
}
