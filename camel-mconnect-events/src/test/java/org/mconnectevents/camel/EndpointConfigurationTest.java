package org.mconnectevents.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.RegistryCamelTestSupport;
import org.mconnectevents.emulator.Emulator;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;

/**
 * Endpoint configuration: options set once at component level through Camel Main properties
 * ({@code camel.component.mconnect-events.*}) serve every endpoint; and a missing or wrong option stops the route at
 * start with a message naming the option, rather than leaving a consumer that never connects.
 */
class EndpointConfigurationTest extends RegistryCamelTestSupport {


    @Test
    void optionsSetOnceThroughCamelMainPropertiesServeEveryEndpoint() throws Exception {
        Emulator emulator = EMULATOR.emulator();
        Main main = new Main();
        main.addInitialProperty("camel.component.mconnect-events.base-address", emulator.baseAddress().toString());
        main.addInitialProperty("camel.component.mconnect-events.key-store", emulator.clientKeyStore(EmulatorClients.REGISTRY).toString());
        main.addInitialProperty("camel.component.mconnect-events.key-store-password", emulator.keyStorePassword());
        main.addInitialProperty("camel.component.mconnect-events.trust-store", emulator.trustedCertificate().toString());
        main.addInitialProperty("camel.component.mconnect-events.source", SOURCE);
        main.addInitialProperty("camel.component.mconnect-events.type", ORDER_CREATED);
        main.addInitialProperty("camel.component.mconnect-events.group", "configured-once");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events").routeId("consume").to("mock:consumed");
            }
        });
        main.start();
        try {
            CamelContext camel = main.getCamelContext();
            MockEndpoint consumed = camel.getEndpoint("mock:consumed", MockEndpoint.class);
            consumed.expectedBodiesReceived("{\"order\":7}");

            camel.createProducerTemplate().sendBody("mconnect-events:events", "{\"order\":7}");

            MockEndpoint.assertIsSatisfied(camel, 20, TimeUnit.SECONDS);
            assertThat(consumed.getExchanges().get(0).getMessage().getHeaders())
                    .containsEntry(MConnectEventsConstants.CLOUD_EVENT_SOURCE, SOURCE)
                    .containsEntry(MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED);
            assertThat(emulator.state().path("clients").path(EmulatorClients.REGISTRY).path("groups").has("configured-once")).isTrue();
        } finally {
            main.stop();
        }
    }

    @Test
    void aMistypedComponentPropertyStopsCamelMainNamingTheProperty() {
        Main main = new Main();
        main.addInitialProperty("camel.component.mconnect-events.base-adress", EMULATOR.emulator().baseAddress().toString());

        try {
            assertThatThrownBy(main::start).hasMessageContainingAll("camel.component.mconnect-events.baseAdress",
                    "with name: baseAdress on bean: org.mconnectevents.camel.MConnectEventsComponent");
        } finally {
            main.stop();
        }
    }

    @Test
    void noBaseAddressStopsTheRouteAtStart() throws Exception {
        configuration.setBaseAddress(null);
        addConsumerRoute("mconnect-events:events");

        assertThatThrownBy(context::start).isInstanceOf(IllegalArgumentException.class).hasMessage(
                "baseAddress is required for mconnect-events://events: set it on the endpoint or once with"
                        + " camel.component.mconnect-events.base-address, e.g. https://mconnect-events.staging.egov.md:8443/");
    }

    @Test
    void aPlainHttpBaseAddressStopsTheRouteAtStart() throws Exception {
        configuration.setBaseAddress("http://127.0.0.1:" + EMULATOR.emulator().port() + "/");
        addConsumerRoute("mconnect-events:events");

        assertThatThrownBy(context::start).isInstanceOf(IllegalArgumentException.class).hasMessage(
                "baseAddress must be an https URL such as https://mconnect-events.staging.egov.md:8443/ (MConnect Events is"
                        + " served over HTTPS only), not 'http://127.0.0.1:" + EMULATOR.emulator().port() + "/'");
    }

    @Test
    void anUnknownUriOptionStopsTheRouteAtStartNamingTheOption() throws Exception {
        addConsumerRoute("mconnect-events:events?grup=orders");

        assertThatThrownBy(context::start).isInstanceOf(FailedToCreateRouteException.class)
                .hasCauseInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContainingAll("mconnect-events://events?grup=orders", "Unknown parameters=[{grup=orders}]",
                        "Check the uri if the parameters are spelt correctly");
    }

    @Test
    void aNumberThatIsNotANumberStopsTheRouteAtStartNamingTheOption() throws Exception {
        addConsumerRoute("mconnect-events:events?parallelism=abc");

        // Camel reads a number it cannot parse as 0 (numbers may be durations such as 5s), so the rule names it
        assertThatThrownBy(context::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallelism must be at least 1 (mconnect-events://events?parallelism=abc)");
    }

    @Test
    void aTimeoutThatIsNotADurationStopsTheRouteAtStartNamingTheOption() throws Exception {
        addConsumerRoute("mconnect-events:events?requestTimeout=abc");

        assertThatThrownBy(context::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requestTimeout must be positive, not 0 (mconnect-events://events?requestTimeout=abc)");
    }

    @Test
    void anUnknownTransportStopsTheRouteAtStartNamingTheChoices() throws Exception {
        addConsumerRoute("mconnect-events:events?transport=carrier-pigeon");

        assertThatThrownBy(context::start).isInstanceOf(IllegalArgumentException.class).hasMessage(
                "transport must be websocket or longpolling, not 'carrier-pigeon' (mconnect-events://events?transport=carrier-pigeon)");
    }

    @Test
    void anUnknownChannelStopsTheRouteAtStartNamingTheChannels() throws Exception {
        addConsumerRoute("mconnect-events:other");

        assertThatThrownBy(context::start).isInstanceOf(FailedToCreateRouteException.class)
                .hasMessageContaining("Unknown channel 'other' in mconnect-events://other: use mconnect-events:events,"
                        + " mconnect-events:test or mconnect-events:dead");
    }

    private void addConsumerRoute(String uri) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("consume").to("mock:consumed");
            }
        });
    }
}
