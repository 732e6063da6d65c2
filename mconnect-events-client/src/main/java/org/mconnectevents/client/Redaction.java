package org.mconnectevents.client;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What our log lines, health messages and exception messages may say about an event. Events carry personal data
 * (IDNPs), so by default they name events by ids, sources, types, offsets, sizes, exception classes and rule names
 * only: never data, subjects, extension values, partition keys or raw frames, nor the messages of other code's
 * exceptions (a JSON parser quotes the input it could not read; a route's exception may name a person), nor the
 * service's explanation of a malformed event. {@link #SHOWING_EVENT_DATA} (the option {@code logEventData}, a
 * debugging aid) adds them.
 */
public enum Redaction {

    /** The default: no event data in what we log or throw. */
    HIDING_EVENT_DATA,
    /** A debugging aid: messages of failures and texts that may quote an event's data are shown as they are. */
    SHOWING_EVENT_DATA;

    private static final int MAX_SHOWN_TEXT = 200;
    private static final int MAX_CAUSES = 5;
    private static final String OUR_PACKAGES = "org.mconnectevents.";

    /** The redaction the option {@code logEventData} asks for. */
    public static Redaction of(boolean logEventData) {
        return logEventData ? SHOWING_EVENT_DATA : HIDING_EVENT_DATA;
    }

    /** Whether event data may be shown. */
    public boolean showsEventData() {
        return this == SHOWING_EVENT_DATA;
    }

    /**
     * A failure as our messages name it: the exceptions of its cause chain by class (with the SQLState of an
     * SQLException), each with its message only when that cannot carry event data or when showing event data. The
     * messages of our own exceptions never carry event data, so the chain stops at the first of them, whose message
     * already explains its causes.
     */
    public String failure(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = failure; current != null && seen.add(current) && seen.size() <= MAX_CAUSES;
                current = current.getCause()) {
            if (text.length() > 0) {
                text.append("; caused by ");
            }
            text.append(current.getClass().getName());
            if (current instanceof SQLException sql && sql.getSQLState() != null) {
                text.append(" (SQLState ").append(sql.getSQLState()).append(')');
            }
            boolean ours = current.getClass().getName().startsWith(OUR_PACKAGES);
            if (current.getMessage() != null && (ours || showsEventData())) {
                text.append(": ").append(current.getMessage());
            }
            if (ours) {
                break;
            }
        }
        return text.toString();
    }

    /**
     * A failure's message as our messages quote it: the message of one of our own exceptions as it is (it carries no
     * event data), else {@link #failure(Throwable)}.
     */
    public String message(Throwable failure) {
        boolean ours = failure.getClass().getName().startsWith(OUR_PACKAGES);
        return ours && failure.getMessage() != null ? failure.getMessage() : failure(failure);
    }

    /**
     * Text that may quote an event's data (a raw frame, the service's explanation of a malformed event): its first
     * 200 characters when showing event data, else only its length.
     */
    public String text(String text) {
        if (text == null) {
            return "(none)";
        }
        if (!showsEventData()) {
            return "(" + text.length() + " characters, not shown: they may carry event data; logEventData=true shows them)";
        }
        return text.length() <= MAX_SHOWN_TEXT ? text : text.substring(0, MAX_SHOWN_TEXT) + "...";
    }
}
