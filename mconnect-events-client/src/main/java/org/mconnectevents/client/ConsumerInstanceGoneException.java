package org.mconnectevents.client;

/**
 * A long-polling consumer instance answered 404: it expired (not polled for too long) or was deleted.
 * The consumer creates a new instance; unconfirmed events come again there.
 */
public class ConsumerInstanceGoneException extends MConnectEventsUnavailableException {

    public ConsumerInstanceGoneException(String instance, String serverText) {
        super(404, "Consumer instance " + instance + " is gone (404" + (serverText == null || serverText.isEmpty() ? "" : ": " + serverText)
                + "); a new one is created", null);
    }
}
