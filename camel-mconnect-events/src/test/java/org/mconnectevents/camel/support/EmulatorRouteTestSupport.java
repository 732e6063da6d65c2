package org.mconnectevents.camel.support;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.mconnectevents.emulator.Emulator;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;

/**
 * A Camel test of routes against the emulator of {@link EmulatorClients#CONFIG}: one emulator per test class, the
 * component set up once as the {@link EmulatorClients#REGISTRY} client, and an empty emulator before each test
 * (before its routes connect).
 */
public abstract class EmulatorRouteTestSupport extends CamelTestSupport {

    @RegisterExtension
    protected static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withConfig(EmulatorClients.CONFIG);

    /** The emulator of the running test. */
    protected Emulator emulator;

    @Override
    protected void setupResources() throws Exception {
        super.setupResources();
        emulator = EMULATOR.emulator();
        emulator.reset();
    }

    /** Adds a route {@code consumer} taking events from {@code uri} into {@code processor}. */
    protected void consume(String uri, Processor processor) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("consumer").process(processor);
            }
        });
    }

    /** The id of the event an exchange carries. */
    protected static String idOf(Exchange exchange) {
        return exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        EmulatorClients.useClient(context, EMULATOR.emulator(), EmulatorClients.REGISTRY);
        return context;
    }
}
