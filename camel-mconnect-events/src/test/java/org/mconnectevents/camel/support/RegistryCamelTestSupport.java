package org.mconnectevents.camel.support;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.camel.MConnectEventsComponent;
import org.mconnectevents.camel.MConnectEventsConfiguration;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;

/**
 * A test that sets Camel up by hand (not through CamelTestSupport): an emulator of {@link EmulatorClients#CONFIG} per
 * class, emptied before each test, and a new CamelContext with the component configured as the
 * {@link EmulatorClients#REGISTRY} client, which the test may reconfigure before it starts the context.
 */
public abstract class RegistryCamelTestSupport {

    @RegisterExtension
    protected static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withConfig(EmulatorClients.CONFIG);

    protected CamelContext context;
    /** The component's configuration, shared by every endpoint. */
    protected MConnectEventsConfiguration configuration;

    @BeforeEach
    void camelUsingTheRegistryClient() {
        EMULATOR.emulator().reset();
        context = new DefaultCamelContext();
        EmulatorClients.useClient(context, EMULATOR.emulator(), EmulatorClients.REGISTRY);
        configuration = context.getComponent("mconnect-events", MConnectEventsComponent.class).getConfiguration();
    }

    @AfterEach
    void stopCamel() {
        context.stop();
    }
}
