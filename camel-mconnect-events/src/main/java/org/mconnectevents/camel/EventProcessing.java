package org.mconnectevents.camel;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.mconnectevents.client.ConsumedEvent;

import java.time.Clock;

/**
 * Runs the exchange of one consumed event on its lane and tells the {@link SessionRunner} what became of the event.
 * Whatever happens between taking the event and the end of its exchange (an exception of the route, an
 * {@link Error}, a failure to create the exchange or to map the event), the runner hears of it exactly once: the
 * event is finished, waits for the route's confirmation, failed, or was skipped because its session ended.
 */
final class EventProcessing {

    private final MConnectEventsConsumer consumer;
    private final boolean autoConfirm;
    private final boolean wholeEvent;
    private final ConsumerMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    EventProcessing(MConnectEventsConsumer consumer) {
        MConnectEventsConfiguration configuration = consumer.getEndpoint().getConfiguration();
        this.consumer = consumer;
        this.autoConfirm = configuration.isAutoConfirm();
        this.wholeEvent = "cloudevent".equals(configuration.getBodyType());
        this.metrics = consumer.metrics();
    }

    /** On a lane thread. */
    void run(SessionRunner runner, ConsumedEventContext context) {
        if (!runner.isLive(context.generation())) {
            runner.skipped(context); // its session ended or the consumer stops: it comes again
            return;
        }
        Exchange exchange = null;
        Throwable failure;
        try {
            exchange = consumer.createExchange(false);
            prepare(exchange, context);
            metrics.consumed(context.event() == null ? null : context.event().getTime(), clock.instant());
            consumer.getProcessor().process(exchange);
            UndecodedEvents undecided = consumer.undecodedEvents();
            if (undecided != null && UndecodedEvents.leftUndecided(exchange, context)) {
                consumer.releaseExchange(exchange, false);
                exchange = null;
                exchange = consumer.createExchange(false);
                prepare(exchange, context);
                undecided.decide(exchange);
            }
            failure = failureOf(exchange, context);
        } catch (Throwable e) {
            failure = e;
        } finally {
            if (exchange != null) {
                consumer.releaseExchange(exchange, false);
            }
        }
        if (context.exchangeEnded(failure, !autoConfirm && !context.isReportedDead())) {
            runner.finished(context);
        } else if (failure != null) {
            runner.failed(context, failure);
        } else {
            runner.awaitingConfirmation(context);
        }
    }

    private void prepare(Exchange exchange, ConsumedEventContext context) {
        exchange.setProperty(ConsumedEventContext.PROPERTY, context);
        ConsumedEvent consumed = context.consumed();
        if (consumed.isDecoded()) {
            ExchangeEvents.toMessage(consumed, exchange.getMessage(), wholeEvent);
        } else {
            ExchangeEvents.toUndecodedMessage(consumed, exchange.getMessage());
            // the exchange starts failed, as a consumer's bridged error does: the route's error handler decides (the
            // dead channel reports it dead), and without one it is a failure like any other and comes again
            exchange.setException(new MConnectEventsDecodeException(context.name(), context.offset(), consumed.undecoded().problem()));
            exchange.setProperty(ExchangePropertyKey.ERRORHANDLER_BRIDGE, true);
        }
        if (!autoConfirm) {
            exchange.getMessage().setHeader(MConnectEventsConstants.CONFIRMATION, new MConnectEventsConfirmation(context));
        }
    }

    /** The failure of a completed exchange, or null when it succeeded or its event was reported dead. */
    private static Throwable failureOf(Exchange exchange, ConsumedEventContext context) {
        if (context.refusedAsTechnical() != null) {
            return context.refusedAsTechnical();
        }
        if (context.isReportedDead()) {
            return null;
        }
        if (exchange.getException() != null) {
            return exchange.getException();
        }
        return exchange.isRollbackOnly() ? new RolledBackException() : null;
    }

    /** The exchange completed but was marked rollback only: its effects did not commit, so the event comes again. */
    static final class RolledBackException extends Exception {
        RolledBackException() {
            super("the exchange was marked rollback only", null, false, false);
        }
    }
}
