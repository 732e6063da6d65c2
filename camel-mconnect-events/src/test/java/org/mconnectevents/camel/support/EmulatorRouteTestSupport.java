package org.mconnectevents.camel.support;

import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;
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

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        EmulatorClients.useClient(context, EMULATOR.emulator(), EmulatorClients.REGISTRY);
        return context;
    }
}
