package org.mconnectevents.client;

import io.cloudevents.CloudEvent;

/**
 * An event as a consumer session received it: the CloudEvent, or, when the client could not read it, what it could
 * read of it. Either way it has an offset, so it is tracked, processed and confirmed like any other: a poison event
 * must never stall its session.
 *
 * @param event     the CloudEvent, without the {@code offset} the service added; null when {@code undecoded} is not
 * @param offset    its offset in the session: confirming it confirms it and everything before it in that session
 * @param undecoded what could be read of an event that is not a CloudEvent this client can read; null when it is
 */
public record ConsumedEvent(CloudEvent event, long offset, UndecodedEvent undecoded) {

    public ConsumedEvent(CloudEvent event, long offset) {
        this(event, offset, null);
    }

    public ConsumedEvent {
        if ((event == null) == (undecoded == null)) {
            throw new IllegalArgumentException("a consumed event is either read or undecoded");
        }
    }

    /** A consumed event that could not be read. */
    public static ConsumedEvent undecoded(long offset, UndecodedEvent undecoded) {
        return new ConsumedEvent(null, offset, undecoded);
    }

    /** Whether the event was read; when false, {@link #undecoded()} says why not. */
    public boolean isDecoded() {
        return undecoded == null;
    }

    /** The partition key, whether the event was read or not; null without one. */
    public String partitionKey() {
        if (event == null) {
            return undecoded.partitionKey();
        }
        Object key = event.getExtension(EventCodec.PARTITION_KEY);
        return key == null ? null : key.toString();
    }

    /** How logs and errors name the event: {@code event (source=urn:asp, id=42)}, never its data. */
    public String name() {
        return event != null ? EventRules.name(event) : undecoded.name();
    }
}
