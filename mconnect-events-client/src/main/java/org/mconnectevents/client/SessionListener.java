package org.mconnectevents.client;

/**
 * Receives what a consumer session delivers. Called on a Vert.x event loop: must not block.
 */
public interface SessionListener {

    /**
     * One event of {@code session}, in offset order within the session; possibly one the client could not read
     * ({@link ConsumedEvent#isDecoded()} false), which has an offset all the same and must be finished like any other.
     */
    void onEvent(ConsumerSession session, ConsumedEvent event);

    /**
     * A message of {@code session} from which not even an offset could be read: it cannot be tracked, so the session
     * skips it and goes on; the next cumulative confirmation covers it.
     */
    void onUnreadable(ConsumerSession session, UnreadableFrameException problem);

    /**
     * The session ended; called once. {@code cause} is null when the client closed it, else why it ended
     * (closed by the server, connection lost, no pong, consumer instance gone, ...). Events not confirmed
     * in this session come again in a later one.
     */
    void onClosed(Throwable cause);
}
