package org.mconnectevents.client;

/**
 * A failure talking to MConnect Events. The two subclasses say what to do about it:
 * {@link MConnectEventsRejectedException} (the service refused the request; sending it again will not help)
 * and {@link MConnectEventsUnavailableException} (the service could not be reached or failed; retry).
 */
public abstract class MConnectEventsException extends RuntimeException {

    protected MConnectEventsException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether sending the same request again may succeed. */
    public abstract boolean isRetryable();
}
