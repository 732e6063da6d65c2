package org.mconnectevents.camel.micrometer;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ContextServicePlugin;

/**
 * Turns the meters on in every CamelContext of an application that has this jar, on Camel 4.15 or newer: Camel loads
 * the plugin by its service file when the context is built, and it binds {@link MConnectEventsMeters} as bean
 * {@value #BEAN}, unless the application bound one itself. (On older Camel, bind it yourself.)
 */
public class MConnectEventsMicrometerPlugin implements ContextServicePlugin {

    /** The name the meters are bound under. */
    public static final String BEAN = "mconnect-events-meters";

    @Override
    public void load(CamelContext camelContext) {
        if (camelContext.getRegistry().findByType(MConnectEventsMeters.class).isEmpty()) {
            camelContext.getRegistry().bind(BEAN, new MConnectEventsMeters());
        }
    }
}
