package org.mconnectevents.client;

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
     * Whether confirmations sent one after another from one thread reach the service in that order: true over a
     * WebSocket (one connection), false over long polling, where each is a request of its own and may overtake the one
     * before; then the caller sends the next only once the last was answered.
     */
    boolean keepsConfirmationsInOrder();

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
