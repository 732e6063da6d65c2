package org.mconnectevents.camel;

/**
 * The consumer received an event it cannot read: not a CloudEvent (malformed JSON, a required attribute missing),
 * data that its content type does not allow, or larger than any event can be. A structural failure: retrying cannot
 * help, so {@code deadLetterChannel("mconnect-events:dead")} reports it dead. The message names the event (as far
 * as it could be read), its offset and the rule, never its content; the exchange's body holds the text as received.
 */
public class MConnectEventsDecodeException extends RuntimeException {

    private final long offset;
    private final String problem;

    public MConnectEventsDecodeException(String event, long offset, String problem) {
        super("Cannot read " + event + " (offset " + offset + "): " + problem);
        this.offset = offset;
        this.problem = problem;
    }

    /** The offset of the event in its session. */
    public long getOffset() {
        return offset;
    }

    /** Why it cannot be read, naming the rule. */
    public String getProblem() {
        return problem;
    }
}
