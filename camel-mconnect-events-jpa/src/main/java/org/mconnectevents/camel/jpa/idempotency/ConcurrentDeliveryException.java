package org.mconnectevents.camel.jpa.idempotency;

import jakarta.persistence.PessimisticLockException;

/**
 * Another delivery of the same event recorded its key first and committed: the unique constraint on
 * {@code CAMEL_MESSAGEPROCESSED (processorName, messageId)} refused this delivery's key. It is a technical failure
 * (a JPA {@link PessimisticLockException}, a conflict between two transactions, which {@code mconnect-events:dead}
 * refuses to report dead): the route's transaction rolls back, the event stays unconfirmed, comes again, and is then
 * skipped as the duplicate it is. It is JPA's, not Spring's, so that it exists where Spring's transaction classes do
 * not (Camel Quarkus).
 */
public class ConcurrentDeliveryException extends PessimisticLockException {

    private static final long serialVersionUID = 1L;

    /** A concurrent delivery won the race for this key; {@code cause} is the database's unique violation. */
    public ConcurrentDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
