package org.mconnectevents.camel;

import java.time.Duration;

/**
 * Told what the component does, for metrics: an observer found in the Camel registry when the component starts hears
 * of every consumer, certificate and backlog that comes and goes and of every event produced, consumed, confirmed or
 * reported dead. {@code camel-mconnect-events-micrometer} is one: it turns this into Micrometer meters. The component
 * itself needs none.
 * <p>
 * Called on the component's own threads (Vert.x event loops, the consumers' lanes): an observer returns at once and
 * never blocks. An exception it throws is logged and otherwise ignored. Nothing passed to it carries event data: the
 * endpoints, consumers and figures describe where events went and how many, never what they held.
 */
public interface MConnectEventsObserver {

    /** A consumer started: until {@link #consumerStopped}, its sessions can be read ({@link MConnectEventsConsumer#getSessionStatus()}). */
    default void consumerStarted(MConnectEventsConsumer consumer) {
    }

    /** A consumer stopped. */
    default void consumerStopped(MConnectEventsConsumer consumer) {
    }

    /** An endpoint started to use a client certificate that no other endpoint of the component uses. */
    default void certificateInUse(MConnectEventsCertificate certificate) {
    }

    /** The last endpoint that used a client certificate stopped. */
    default void certificateReleased(MConnectEventsCertificate certificate) {
    }

    /** Events waiting to be produced can be measured from now on (an outbox, see {@link MConnectEventsComponent#addBacklog}). */
    default void backlogAdded(MConnectEventsBacklog backlog) {
    }

    /** A backlog is no longer measured. */
    default void backlogRemoved(MConnectEventsBacklog backlog) {
    }

    /**
     * The service stored events sent by a producer of this endpoint.
     *
     * @param routeId the route that sent them, or null when they were not sent from a route (a ProducerTemplate's send)
     */
    default void produced(MConnectEventsEndpoint endpoint, String routeId, int events) {
    }

    /**
     * Events a producer of this endpoint did not send, or the service refused (4xx), for good.
     *
     * @param routeId the route that sent them, or null when they were not sent from a route
     */
    default void rejected(MConnectEventsEndpoint endpoint, String routeId, int events) {
    }

    /**
     * The consumer hands an event to its route.
     *
     * @param sinceEventTime how long ago the event's {@code time} was (zero when that lies ahead of this machine's
     *                       clock), or null when the event has no time or could not be read
     */
    default void consumed(MConnectEventsConsumer consumer, Duration sinceEventTime) {
    }

    /** The service acknowledged the confirmation of events of this consumer. */
    default void confirmed(MConnectEventsConsumer consumer, int events) {
    }

    /** An event of this consumer was reported dead ({@code mconnect-events:dead}). */
    default void reportedDead(MConnectEventsConsumer consumer) {
    }

    /** A session of this consumer opened again after the last one ended. */
    default void reconnected(MConnectEventsConsumer consumer) {
    }
}
