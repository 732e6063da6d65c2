package org.mconnectevents.emulator.event;

/**
 * A produce (or dead report) the service refuses, with the HTTP status it answers and a plain-text reason
 * that names the event and the rule.
 */
public class EventRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public EventRejectedException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
