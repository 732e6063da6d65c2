package org.mconnectevents.camel;

/**
 * {@code mconnect-events:dead} refused to report an event because its failure is technical. The event stays
 * unconfirmed and the consumer gets it again; fix what failed (database, network, configuration). The refusal is
 * recorded with the event, not set on the exchange, and the consumer logs it as the reason of the technical failure.
 */
public class MConnectEventsDeadRefusedException extends RuntimeException {

    public MConnectEventsDeadRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
