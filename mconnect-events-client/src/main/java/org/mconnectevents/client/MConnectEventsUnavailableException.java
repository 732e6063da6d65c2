package org.mconnectevents.client;

/**
 * MConnect Events could not be reached, did not answer in time, or failed (5xx). Retryable: the request may
 * or may not have been stored, and sending it again with the same ids is safe (consumers are idempotent).
 */
public class MConnectEventsUnavailableException extends MConnectEventsException {

    private final int status;

    public MConnectEventsUnavailableException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status the service answered, or 0 when no answer came (connection failure, timeout). */
    public int getStatus() {
        return status;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
