package org.mconnectevents.examples.quarkus;

/**
 * A registration as the consuming side received it: the event's attributes and its data.
 *
 * @param source       the event's {@code source}
 * @param id           the event's {@code id}, unique per source
 * @param type         the event's {@code type}
 * @param partitionKey the event's {@code partitionkey}, which keeps the events of one citizen in order
 * @param offset       the offset the service gave the event in the consumer's session
 * @param registration the event's data
 */
public record ReceivedRegistration(String source, String id, String type, String partitionKey, String offset,
                                   CitizenRegistration registration) {
}
