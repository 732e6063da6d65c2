package org.mconnectevents.client;

/**
 * MConnect Events refused the request with a 4xx status: malformed (400), not authorized (401), wrong URL or
 * consumer instance gone (404), over the size limit (413), data not matching the type's schema (422). Also
 * thrown before anything is sent when the component's own checks find the event would be refused.
 * Not retryable: the request must be corrected.
 */
public class MConnectEventsRejectedException extends MConnectEventsException {

    private final int status;
    private final String serverText;

    public MConnectEventsRejectedException(int status, String serverText, String message) {
        super(message, null);
        this.status = status;
        this.serverText = serverText;
    }

    /** A refusal found by the component's own checks, before sending: status 0, no server text. */
    public static MConnectEventsRejectedException beforeSending(String message) {
        return new MConnectEventsRejectedException(0, null, message);
    }

    /** The HTTP status the service answered, or 0 when the component refused before sending. */
    public int getStatus() {
        return status;
    }

    /** The plain-text explanation the service gave, or null when refused before sending. */
    public String getServerText() {
        return serverText;
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
