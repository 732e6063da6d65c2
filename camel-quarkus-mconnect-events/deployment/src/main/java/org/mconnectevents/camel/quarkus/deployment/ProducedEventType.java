package org.mconnectevents.camel.quarkus.deployment;

/**
 * An event type the application produces, from one source: what the emulator must allow its client.
 *
 * @param source the {@code source} URI
 * @param type   the event type
 */
public record ProducedEventType(String source, String type) {
}
