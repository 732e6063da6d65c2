package org.mconnectevents.client;

/**
 * A message of a consumer session from which not even the offset can be read, so it cannot be tracked: the session
 * skips it and goes on (the next cumulative confirmation covers it). The message says why, never what the text held.
 */
public final class UnreadableFrameException extends RuntimeException {

    private final int size;

    public UnreadableFrameException(String message, int size) {
        super(message);
        this.size = size;
    }

    /** The size of the message in bytes. */
    public int getSize() {
        return size;
    }
}
