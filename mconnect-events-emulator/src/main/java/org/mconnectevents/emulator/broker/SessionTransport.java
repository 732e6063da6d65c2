package org.mconnectevents.emulator.broker;

import java.util.List;

/**
 * The wire side of a consumer session (a WebSocket, or a long-polling instance). Called on the emulator's
 * context thread only.
 */
public interface SessionTransport {

    /** The transport as the console names it: {@code websocket} or {@code long-polling}. */
    String name();

    /** How many events the transport can take now, before the unconfirmed window is applied. */
    int demand();

    /** Hands events over; they count as in flight until confirmed. */
    void deliver(List<Delivery> deliveries);

    /** The service closes the session (fault injection or admin); the transport then reports it closed. */
    void close(String reason);
}
