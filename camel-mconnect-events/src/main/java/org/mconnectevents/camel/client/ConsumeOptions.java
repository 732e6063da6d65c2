package org.mconnectevents.camel.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What a consumer session asks for: standard events, its own test events, its own dead events, and the
 * consumer group whose share of the load it takes.
 *
 * @param group null or empty for the service's default group ({@code ~default})
 */
public record ConsumeOptions(boolean events, boolean test, boolean dead, String group) {

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
