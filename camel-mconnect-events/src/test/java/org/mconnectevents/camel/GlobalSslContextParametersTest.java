package org.mconnectevents.camel;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.RegistryCamelTestSupport;
import org.mconnectevents.emulator.Emulator;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;

/**
 * The CamelContext's SSLContextParameters, as Camel's other components use them: with useGlobalSslContextParameters
 * on the component, an endpoint that configures no client certificate of its own takes the global one; without it,
 * the global parameters are not used.
 */
class GlobalSslContextParametersTest extends RegistryCamelTestSupport {

    @BeforeEach
    void globalParametersHoldingTheRegistryClientsKey() {
        Emulator emulator = EMULATOR.emulator();
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setResource("file:" + emulator.clientKeyStore(EmulatorClients.REGISTRY));
        keyStore.setPassword(emulator.keyStorePassword());
        keyStore.setType("PKCS12");
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(keyStore);
        keyManagers.setKeyPassword(emulator.keyStorePassword());
        SSLContextParameters global = new SSLContextParameters();
        global.setKeyManagers(keyManagers);
        context.setSSLContextParameters(global);
        // the endpoint gives no certificate of its own; it still trusts the emulator through trustStore
        configuration.setKeyStore(null);
        configuration.setKeyStorePassword(null);
    }

    @Test
    void withUseGlobalSslContextParametersTheGlobalCertificateProducesAndConsumes() throws Exception {
        context.getComponent("mconnect-events", MConnectEventsComponent.class).setUseGlobalSslContextParameters(true);
        addConsumerRoute();
        context.start();
        MockEndpoint consumed = context.getEndpoint("mock:consumed", MockEndpoint.class);
        consumed.expectedBodiesReceived("{\"order\":5}");

        context.createProducerTemplate().sendBodyAndHeaders("mconnect-events:events", "{\"order\":5}", Map.of(
                MConnectEventsConstants.CLOUD_EVENT_SOURCE, SOURCE, MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED));

        MockEndpoint.assertIsSatisfied(context, 20, TimeUnit.SECONDS);
        assertThat(context.getEndpoint("mconnect-events:events?group=global", MConnectEventsEndpoint.class)
                .clientCertificate().subject()).isEqualTo("CN=registry");
    }

    @Test
    void withoutUseGlobalSslContextParametersTheGlobalOnesAreNotUsed() throws Exception {
        addConsumerRoute();

        assertThatThrownBy(context::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("No client certificate is configured.");
    }

    private void addConsumerRoute() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=global").routeId("consume").to("mock:consumed");
            }
        });
    }
}
