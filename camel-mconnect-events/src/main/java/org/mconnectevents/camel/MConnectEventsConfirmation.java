package org.mconnectevents.camel;

/**
 * With {@code autoConfirm=false}, the handle in the {@code CamelMConnectEventsConfirmation} header: calling
 * {@link #confirm()} marks the exchange's event finished. Confirmations stay cumulative: the service is told
 * only once every earlier event of the session finished too, batched by confirmInterval and confirmBatchSize.
 */
public final class MConnectEventsConfirmation {

    private final ConsumedEventContext context;

    MConnectEventsConfirmation(ConsumedEventContext context) {
        this.context = context;
    }

    /** Marks the event finished; it is confirmed with the next confirmation of its session. */
    public void confirm() {
        context.runner().finish(context);
    }

    /** The offset of the event in its session. */
    public long getOffset() {
        return context.offset();
    }

    @Override
    public String toString() {
        return "confirmation of offset " + context.offset() + " (source=" + context.event().getSource() + ", id="
                + context.event().getId() + ")";
    }
}
