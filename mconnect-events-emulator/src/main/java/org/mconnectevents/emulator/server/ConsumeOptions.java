package org.mconnectevents.emulator.server;

import io.vertx.core.http.HttpServerRequest;
import org.mconnectevents.emulator.broker.SessionOptions;
import org.mconnectevents.emulator.event.EventRejectedException;

/** Reads the {@code events}, {@code test}, {@code dead} and {@code group} query parameters of a consumer. */
final class ConsumeOptions {

    private ConsumeOptions() {
    }

    static SessionOptions parse(HttpServerRequest request) {
        boolean events = flag(request, "events", true);
        boolean test = flag(request, "test", true);
        boolean dead = flag(request, "dead", false);
        String group = request.getParam("group");
        if (group == null) {
            group = SessionOptions.DEFAULT_GROUP;
        } else if (group.isBlank() || group.contains("/")) {
            throw new EventRejectedException(400, "query parameter group=\"" + group
                    + "\" is not a valid consumer group name");
        }
        return new SessionOptions(events, test, dead, group);
    }

    private static boolean flag(HttpServerRequest request, String name, boolean fallback) {
        String value = request.getParam(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new EventRejectedException(400, "query parameter " + name + "=" + value + " must be true or false");
    }
}
