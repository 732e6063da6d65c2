package org.mconnectevents.client;

/**
 * A long poll was answered with a body that is not a JSON array, so its events can be neither tracked nor skipped
 * safely: the session ends, and its events come again in the next session, which should poll one event at a time
 * ({@code /event}) until it is past them.
 */
public final class UnreadableBatchException extends MConnectEventsUnavailableException {

    public UnreadableBatchException(String instance, UnreadableFrameException cause) {
        super(0, "Consumer instance " + instance + " answered a poll with " + cause.getMessage() + "; the session ends and its"
                + " events come again in a new session, which takes them one at a time", cause);
    }
}
