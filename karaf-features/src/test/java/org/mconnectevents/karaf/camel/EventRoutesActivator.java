package org.mconnectevents.karaf.camel;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.mconnectevents.camel.MConnectEventsComponent;
import org.mconnectevents.camel.MConnectEventsConfiguration;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The activator of the Camel bundle that {@code KarafCamelRouteIT} builds: inside Karaf, it starts a Camel context
 * with two routes on our component, one producing {@code count} events to the emulator and one consuming them as
 * group {@code karaf}. Its settings (the emulator's address, the client's key store, the trust) are the resource
 * {@value #SETTINGS} of its own bundle, written by the test.
 *
 * <p>Camel Karaf's {@code camel-core-osgi} is not available, so this does by hand the two things it does for a
 * Camel context in OSGi: our component is added explicitly (no discovery of components across bundles), and the
 * context's class loader also sees our bundle's resources, so that Camel finds the generated configurers of our
 * component and endpoint there. Starting fails when it does not: the configurers are what Camel uses in production.
 * Without them Camel falls back to reflection on the endpoint, which does not reach the options of its nested
 * configuration: {@code group=karaf} is then refused as an unknown parameter.
 */
public final class EventRoutesActivator implements BundleActivator {

    /** The resource, in this bundle, with the settings the test wrote. */
    public static final String SETTINGS = "mconnect-events-route.properties";

    private CamelContext camel;

    @Override
    public void start(BundleContext bundleContext) throws Exception {
        Properties settings = settings();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Camel and the libraries it looks up through the context class loader: this bundle's own
        thread.setContextClassLoader(EventRoutesActivator.class.getClassLoader());
        try {
            camel = new DefaultCamelContext(false);
            camel.setApplicationContextClassLoader(new BundlesClassLoader(EventRoutesActivator.class.getClassLoader(),
                    MConnectEventsComponent.class.getClassLoader()));
            MConnectEventsComponent component = new MConnectEventsComponent();
            configure(component.getConfiguration(), settings);
            camel.addComponent("mconnect-events", component);
            camel.addRoutes(routes(settings));
            camel.start();
            requireGeneratedConfigurers(component);
        } catch (Exception | LinkageError e) {
            stopCamel();
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void stop(BundleContext bundleContext) {
        stopCamel();
    }

    private void stopCamel() {
        if (camel != null) {
            camel.stop();
            camel = null;
        }
    }

    private static void configure(MConnectEventsConfiguration configuration, Properties settings) {
        configuration.setBaseAddress(settings.getProperty("baseAddress"));
        configuration.setKeyStore(settings.getProperty("keyStore"));
        configuration.setKeyStorePassword(settings.getProperty("keyStorePassword"));
        configuration.setTrustStore(settings.getProperty("trustStore"));
    }

    private static RouteBuilder routes(Properties settings) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:produce?delay=0&period=10&repeatCount=" + settings.getProperty("count"))
                        .routeId("produce-in-karaf")
                        .setBody(simple("{\"exchange\":\"${exchangeId}\"}"))
                        .setHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE, constant(settings.getProperty("source")))
                        .setHeader(MConnectEventsConstants.CLOUD_EVENT_TYPE, constant(settings.getProperty("type")))
                        .to("mconnect-events:events");
                from("mconnect-events:events?group=karaf")
                        .routeId("consume-in-karaf")
                        .to("log:consumed-in-karaf?level=DEBUG");
            }
        };
    }

    private static void requireGeneratedConfigurers(MConnectEventsComponent component) {
        if (component.getComponentPropertyConfigurer() == null || component.getEndpointPropertyConfigurer() == null) {
            throw new IllegalStateException("Camel did not find the generated configurers of mconnect-events"
                    + " (component: " + component.getComponentPropertyConfigurer() + ", endpoint: "
                    + component.getEndpointPropertyConfigurer() + ")");
        }
    }

    private static Properties settings() throws IOException {
        Properties settings = new Properties();
        try (InputStream in = EventRoutesActivator.class.getClassLoader().getResourceAsStream(SETTINGS)) {
            if (in == null) {
                throw new IllegalStateException("the bundle has no " + SETTINGS);
            }
            settings.load(in);
        }
        return settings;
    }
}
