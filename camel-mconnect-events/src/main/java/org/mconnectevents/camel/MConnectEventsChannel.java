package org.mconnectevents.camel;

import java.util.Locale;

/** What an endpoint is about: standard events, this client's own test events, or its dead events. */
public enum MConnectEventsChannel {
    /** Consume standard events (and own test events unless test=false); produce events. */
    EVENTS,
    /** Consume own test events only; produce a test event through the tool endpoint. */
    TEST,
    /** Consume own dead events only; report the current exchange's event as dead. */
    DEAD;

    static MConnectEventsChannel of(String name, String uri) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown channel '" + name + "' in " + uri
                    + ": use mconnect-events:events, mconnect-events:test or mconnect-events:dead", e);
        }
    }

    /** The name in URIs. */
    public String uriName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
