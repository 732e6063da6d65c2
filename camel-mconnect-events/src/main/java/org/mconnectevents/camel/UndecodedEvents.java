package org.mconnectevents.camel;

import org.apache.camel.ErrorHandlerFactory;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.ModelReifierFactory;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The route's own error handler for an event the consumer could not read, when the route did not let it decide. Such an
 * exchange starts failed with {@link MConnectEventsDecodeException}, as a bridged consumer error does, and normally
 * the error handler of the route's first step takes it: {@code deadLetterChannel("mconnect-events:dead")} reports it
 * dead. A route whose first step is {@code transacted()} hands it to Camel's transaction error handler instead, which
 * has no dead letter channel, takes an exchange that arrives failed as exhausted and leaves it failed: the event would
 * come again forever and hold back every later event of its session. For that exchange this error handler, made by
 * Camel from the route's error handler configuration for a step that fails with the decode exception, runs once more.
 * A route without a dead letter channel logs the failure again, and the event comes again, as documented.
 */
final class UndecodedEvents {

    private static final Logger LOG = LoggerFactory.getLogger(UndecodedEvents.class);
    /** The exchange property that carries the decode exception to the failing step. */
    private static final String FAILURE = "MConnectEventsUndecodedFailure";

    private final Processor errorHandler;

    private UndecodedEvents(Processor errorHandler) {
        this.errorHandler = errorHandler;
    }

    /**
     * The route's error handler around a step that fails with the exchange's decode exception, started: as the route's
     * definition configures it (a transaction policy replaced the running route's by its transaction error handler),
     * else the running route's, else the context's; null when none can be made (no model of the route, a reference to
     * a handler that is not bound), and the route's own handling is all there is.
     */
    static UndecodedEvents of(Route route) throws Exception {
        Model model = route.getCamelContext().getCamelContextExtension().getContextPlugin(Model.class);
        ModelReifierFactory reifiers = model == null ? null : model.getModelReifierFactory();
        RouteDefinition definition = model == null ? null : model.getRouteDefinition(route.getRouteId());
        if (reifiers == null || definition == null) {
            return null;
        }
        Processor failing = exchange -> {
            throw exchange.getProperty(FAILURE, MConnectEventsDecodeException.class);
        };
        List<ErrorHandlerFactory> candidates = new ArrayList<>();
        candidates.add(definition.getErrorHandlerFactory());
        candidates.add(route.getErrorHandlerFactory());
        candidates.add(route.getCamelContext().getCamelContextExtension().getErrorHandlerFactory());
        for (ErrorHandlerFactory candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            try {
                Processor errorHandler = reifiers.createErrorHandler(route, candidate, failing);
                ServiceHelper.startService(errorHandler);
                return new UndecodedEvents(errorHandler);
            } catch (IllegalArgumentException | IllegalStateException unusable) {
                LOG.debug("{}: no error handler for undecoded events from {} ({})", route.getRouteId(), candidate,
                        unusable.getMessage());
            }
        }
        return null;
    }

    /**
     * Whether the route left the exchange failed with its own decode exception (the transaction error handler wraps
     * it), untouched by any dead letter channel (not reported dead, not refused as technical).
     */
    static boolean leftUndecided(Exchange exchange, ConsumedEventContext context) {
        return exchange.getException(MConnectEventsDecodeException.class) != null
                && !context.isReportedDead() && context.refusedAsTechnical() == null;
    }

    /**
     * Runs the route's error handler on a new exchange of the event, made as the first one was (starting failed with
     * its decode exception): the step it wraps fails with that exception.
     */
    void decide(Exchange exchange) throws Exception {
        MConnectEventsDecodeException failure = exchange.getException(MConnectEventsDecodeException.class);
        exchange.setException(null);
        exchange.removeProperty(ExchangePropertyKey.ERRORHANDLER_BRIDGE);
        exchange.setProperty(FAILURE, failure);
        errorHandler.process(exchange);
    }

    void stop() {
        ServiceHelper.stopService(errorHandler);
    }
}
