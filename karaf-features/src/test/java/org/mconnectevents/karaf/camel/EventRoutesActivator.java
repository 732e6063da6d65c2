package org.mconnectevents.karaf.camel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.karaf.core.OsgiDefaultCamelContext;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The activator of the routes bundle that {@code KarafCamelRouteIT} builds: inside Karaf, it starts a Camel context
 * with two routes on our component, one producing {@code count} events to the emulator and one consuming them as
 * group {@code karaf}. Its settings (the emulator's address, the client's key store, the trust, where to write the
 * {@link DiscoveryReport}) are the resource {@value #SETTINGS} of its own bundle, written by the test.
 *
 * <p>The context is Camel Karaf's {@link OsgiDefaultCamelContext} for this bundle, made and started as
 * {@code camel-blueprint} does for a blueprint bundle (the bundle's class loader as the thread's context class loader
 * while it starts), then given its routes, which start at once. Nothing of our component is added by hand, and this
 * bundle does not import its packages (it names the event headers as a route in XML or YAML would): Camel finds the
 * component, its configurers and its URI factory in our bundle through {@code camel-core-osgi}. The component's
 * options are endpoint options, set through its generated configurer: without that configurer Camel falls back to
 * reflection on the endpoint, which does not reach the options of its nested configuration ({@code group=karaf}
 * would be refused as unknown).
 */
public final class EventRoutesActivator implements BundleActivator {

    /** The resource, in this bundle, with the settings the test wrote. */
    public static final String SETTINGS = "mconnect-events-route.properties";

    /** The connection options of every endpoint, from the settings through Camel's property placeholders. */
    private static final String CONNECTION = "baseAddress=RAW({{baseAddress}})&keyStore=RAW({{keyStore}})"
            + "&keyStorePassword=RAW({{keyStorePassword}})&trustStore=RAW({{trustStore}})";

    private CamelContext camel;

    @Override
    public void start(BundleContext bundleContext) throws Exception {
        Properties settings = settings();
        camel = new OsgiDefaultCamelContext(bundleContext);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(camel.getApplicationContextClassLoader());
        try {
            camel.getPropertiesComponent().setInitialProperties(settings);
            // the context is initialised when made: routes added before it starts would never start
            camel.start();
            camel.addRoutes(routes(settings));
            DiscoveryReport.write(camel, bundleContext, Path.of(settings.getProperty("report")));
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

    private static RouteBuilder routes(Properties settings) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:produce?delay=0&period=10&repeatCount=" + settings.getProperty("count"))
                        .routeId("produce-in-karaf")
                        .setBody(simple("{\"exchange\":\"${exchangeId}\"}"))
                        .setHeader("CamelCloudEventSource", constant(settings.getProperty("source")))
                        .setHeader("CamelCloudEventType", constant(settings.getProperty("type")))
                        .to("mconnect-events:events?" + CONNECTION);
                from("mconnect-events:events?group=karaf&" + CONNECTION)
                        .routeId("consume-in-karaf")
                        .to("log:consumed-in-karaf?level=DEBUG");
            }
        };
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
