package org.mconnectevents.client;

/**
 * Hears of every {@link MConnectEventsConfigurationException} the client meets, whichever request or session met it,
 * so that the application can tell the operator once rather than at every retry. Called on a Vert.x event loop: must
 * not block.
 */
@FunctionalInterface
public interface ConfigurationErrorListener {

    void configurationError(MConnectEventsConfigurationException error);
}
