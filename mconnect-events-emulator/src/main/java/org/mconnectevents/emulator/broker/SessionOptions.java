package org.mconnectevents.emulator.broker;

/**
 * What a consumer session asked for, from the {@code events}, {@code test}, {@code dead} and {@code group}
 * query parameters.
 */
public record SessionOptions(boolean events, boolean test, boolean dead, String group) {

    /** The group of a consumer that does not name one. */
    public static final String DEFAULT_GROUP = "~default";
}
