package org.mconnectevents.camel.checklist;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads an {@code mconnect-events:} URI as written in a route, placeholders and all. */
final class UriText {

    private static final String SCHEME = "mconnect-events:";

    private UriText() {
    }

    /** The channel of an {@code mconnect-events:} URI ({@code events}, {@code test}, {@code dead}); null for any other URI. */
    static String channel(String uri) {
        if (uri == null || !uri.startsWith(SCHEME)) {
            return null;
        }
        String rest = uri.substring(SCHEME.length());
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        int query = rest.indexOf('?');
        return query < 0 ? rest : rest.substring(0, query);
    }

    /** The options of the URI, as written (values not decoded). */
    static Map<String, String> options(String uri) {
        Map<String, String> options = new LinkedHashMap<>();
        int query = uri == null ? -1 : uri.indexOf('?');
        if (query < 0) {
            return options;
        }
        for (String pair : uri.substring(query + 1).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                options.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return options;
    }

    /** Whether an option's value is written into the route: not a property placeholder, not a bean reference. */
    static boolean literal(String value) {
        return value != null && !value.contains("{{") && !value.startsWith("#");
    }
}
