package org.mconnectevents.camel.client;

/**
 * Receives what a consumer session delivers. Called on a Vert.x event loop: must not block.
 */
public interface SessionListener {

    /** One event of {@code session}, in offset order within the session. */
    void onEvent(ConsumerSession session, ConsumedEvent event);

    /**
     * The session ended; called once. {@code cause} is null when the client closed it, else why it ended
     * (closed by the server, connection lost, no pong, consumer instance gone, ...). Events not confirmed
     * in this session come again in a later one.
     */
    void onClosed(Throwable cause);
}
