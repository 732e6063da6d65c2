package org.mconnectevents.camel.client;

import io.cloudevents.CloudEvent;
import io.vertx.core.Future;

/**
 * One consumer session with MConnect Events, over WebSocket or long polling. Offsets grow within a session
 * and mean nothing outside it. Thread-safe.
 */
public interface ConsumerSession {

    /** Confirms every event of this session up to and including {@code offset}. */
    Future<Void> confirm(long offset);

    /**
     * Stores the event as dead for this consumer. Does not confirm it: a later confirmation covers it.
     * Over WebSocket the future completes once the message is written (the service does not answer);
     * over long polling once the service answered 202.
     */
    Future<Void> dead(CloudEvent event);

    /** Stop receiving for now (back-pressure); events already received are still delivered. */
    void pause();

    /** Receive again after {@link #pause()}. */
    void resume();

    /** Ends the session (closes the socket, or deletes the consumer instance). Unconfirmed events come again later. */
    Future<Void> close();

    /** For logs: the transport and where. */
    String describe();
}
