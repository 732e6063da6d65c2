package org.mconnectevents.camel;

/**
 * With {@code autoConfirm=false}, the handle in the {@code CamelMConnectEventsConfirmation} header: calling
 * {@link #confirm()} marks the exchange's event finished, at once if its exchange already completed, else when it
 * completes without failing (a route that confirms and then fails leaves the event unconfirmed: it comes again).
 * Confirmations stay cumulative: the service is told only once every earlier event of the session finished too,
 * batched by confirmInterval and confirmBatchSize. Thread-safe.
 */
public final class MConnectEventsConfirmation {

    private final ConsumedEventContext context;

    MConnectEventsConfirmation(ConsumedEventContext context) {
        this.context = context;
    }

    /**
     * Marks the event finished; it is confirmed with the next confirmation of its session. Calling it again does
     * nothing.
     *
     * @throws IllegalStateException when the event's exchange failed: such an event is never confirmed, it comes again
     */
    public void confirm() {
        context.confirm();
    }

    /** The offset of the event in its session. */
    public long getOffset() {
        return context.offset();
    }

    @Override
    public String toString() {
        return "confirmation of offset " + context.offset() + " of " + context.name();
    }
}
