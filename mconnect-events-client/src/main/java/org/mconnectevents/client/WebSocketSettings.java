package org.mconnectevents.client;

import java.time.Duration;

/**
 * How a WebSocket session finds a half-open connection: a ping every {@code pingInterval}; no pong within
 * {@code pingTimeout} closes the session so that the consumer reconnects.
 */
public record WebSocketSettings(Duration pingInterval, Duration pingTimeout) {

    public WebSocketSettings {
        if (pingInterval == null || pingInterval.isZero() || pingInterval.isNegative()) {
            throw new IllegalArgumentException("pingInterval must be positive");
        }
        if (pingTimeout == null || pingTimeout.isZero() || pingTimeout.isNegative()) {
            throw new IllegalArgumentException("pingTimeout must be positive");
        }
    }
}
