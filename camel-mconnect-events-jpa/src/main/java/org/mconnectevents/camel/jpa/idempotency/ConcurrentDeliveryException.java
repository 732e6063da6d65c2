package org.mconnectevents.camel.jpa.idempotency;

import org.springframework.dao.ConcurrencyFailureException;

/**
 * Another delivery of the same event recorded its key first and committed: the unique constraint on
 * {@code CAMEL_MESSAGEPROCESSED (processorName, messageId)} refused this delivery's key. It is a technical failure
 * (a {@link ConcurrencyFailureException}, which {@code mconnect-events:dead} refuses to report dead): the route's
 * transaction rolls back, the event stays unconfirmed, comes again, and is then skipped as the duplicate it is.
 */
public class ConcurrentDeliveryException extends ConcurrencyFailureException {

    private static final long serialVersionUID = 1L;

    /** A concurrent delivery won the race for this key; {@code cause} is the database's unique violation. */
    public ConcurrentDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
