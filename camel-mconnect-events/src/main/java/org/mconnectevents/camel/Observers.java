package org.mconnectevents.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/**
 * The {@link MConnectEventsObserver}s of a component, found in the Camel registry when it starts, and what they are
 * told. Without observers (the usual case without a metrics library) each call is a loop over an empty list. The list
 * is replaced whole and read without a lock.
 */
final class Observers {

    private static final Logger LOG = LoggerFactory.getLogger(Observers.class);

    private volatile List<MConnectEventsObserver> observers = List.of();

    /** Takes the observers bound in the context's registry, giving each the context when it asks for one. */
    void findIn(CamelContext context) {
        List<MConnectEventsObserver> found = List.copyOf(context.getRegistry().findByType(MConnectEventsObserver.class));
        found.forEach(observer -> CamelContextAware.trySetCamelContext(observer, context));
        observers = found;
        if (!found.isEmpty()) {
            LOG.debug("MConnect Events observers: {}", found);
        }
    }

    void clear() {
        observers = List.of();
    }

    /** Tells every observer; one that throws is logged and the others are told all the same. */
    void tell(Consumer<MConnectEventsObserver> news) {
        for (MConnectEventsObserver observer : observers) {
            try {
                news.accept(observer);
            } catch (RuntimeException e) {
                // an observer (metrics) must never fail what the component does: the event goes on
                LOG.warn("The MConnect Events observer {} failed: {}", observer.getClass().getName(), e.toString());
            }
        }
    }
}
