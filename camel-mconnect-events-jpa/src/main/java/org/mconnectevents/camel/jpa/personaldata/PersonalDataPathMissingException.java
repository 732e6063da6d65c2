package org.mconnectevents.camel.jpa.personaldata;

/**
 * A consumed event of a type with a personal-data rule lacks what the rule needs: a configured JSON path finds
 * nothing (or nothing usable) in its data, or its data is not JSON. The processing cannot be recorded, and the event
 * will never have it: a structural failure, which {@code deadLetterChannel("mconnect-events:dead")} reports dead with
 * this message as the reason. Deliberately not an {@link java.io.IOException}, which would count as technical.
 */
public class PersonalDataPathMissingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The message names the event (source, id), its type, and the path or what is wrong with the data. */
    public PersonalDataPathMissingException(String message) {
        super(message);
    }

    /** As {@link #PersonalDataPathMissingException(String)}, with what the JSON parser or path reported. */
    public PersonalDataPathMissingException(String message, Throwable cause) {
        super(message, cause);
    }
}
