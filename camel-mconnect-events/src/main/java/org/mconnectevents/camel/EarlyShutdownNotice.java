package org.mconnectevents.camel;

import org.apache.camel.spi.ShutdownPrepared;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Tells a consumer, as soon as Camel's shutdown strategy does, whether its route is being suspended or stopped. Camel
 * calls {@link ShutdownPrepared#prepareShutdown(boolean, boolean)} on the services of a route before it waits for the
 * route's in-flight exchanges, but on the route's consumer only after that wait; added to the route by the consumer,
 * this service passes the early call on, so that a stop ends within the consumer's {@code stopTimeout} rather than
 * Camel's shutdown timeout.
 */
final class EarlyShutdownNotice extends ServiceSupport implements ShutdownPrepared {

    private final ShutdownPrepared consumer;

    EarlyShutdownNotice(ShutdownPrepared consumer) {
        this.consumer = consumer;
    }

    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        consumer.prepareShutdown(suspendOnly, forced);
    }
}
