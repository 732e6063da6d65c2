package org.mconnectevents.client;

/**
 * What a client could read of a consumed event it cannot read as a CloudEvent: the text as received, why it cannot
 * be read (a rule, never a quote of the text), and the attributes it could make out, each null when not.
 *
 * @param text         the frame (WebSocket) or the batch element (long polling), exactly as received
 * @param problem      why it is not a CloudEvent this client can read, naming the rule
 * @param id           its {@code id}, when it has a string one
 * @param source       its {@code source}, when it has a string one
 * @param type         its {@code type}, when it has a string one
 * @param partitionKey its {@code partitionkey}, when it has a string one
 */
public record UndecodedEvent(String text, String problem, String id, String source, String type, String partitionKey) {

    /** {@code event (source=urn:asp, id=42)}, with {@code ?} for what could not be read. */
    public String name() {
        return "event (source=" + (source == null ? "?" : source) + ", id=" + (id == null ? "?" : id) + ")";
    }
}
