package org.mconnectevents.camel;

import io.vertx.core.Vertx;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;

/**
 * The component runs on a Vert.x found in the Camel registry (as Camel Quarkus lends its own) and leaves it open
 * when it stops; without one it makes its own and closes it.
 */
class VertxSharingTest {

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withConfig(EmulatorClients.CONFIG);

    @BeforeEach
    void emptyEmulator() {
        EMULATOR.emulator().reset();
    }

    @Test
    void aVertxInTheRegistryIsUsedAndLeftOpen() throws Exception {
        Vertx shared = Vertx.vertx();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("vertx", shared);
            EmulatorClients.useClient(context, EMULATOR.emulator(), EmulatorClients.REGISTRY);
            roundTrip(context, "shared");

            assertThat(context.getComponent("mconnect-events", MConnectEventsComponent.class).getVertx()).isSameAs(shared);
            context.stop();
            assertThat(shared.setTimer(1, id -> { })).as("the shared Vert.x still runs timers after Camel stopped").isNotNegative();
        } finally {
            shared.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutOneTheComponentMakesItsOwnAndClosesIt() throws Exception {
        Vertx own;
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            EmulatorClients.useClient(context, EMULATOR.emulator(), EmulatorClients.REGISTRY);
            roundTrip(context, "own");
            own = context.getComponent("mconnect-events", MConnectEventsComponent.class).getVertx();
            assertThat(own).isNotNull();
        }
        Vertx closed = own;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> closed.setTimer(1, id -> { }))
                .as("the component's own Vert.x is closed with it")
                .isInstanceOfAny(IllegalStateException.class, java.util.concurrent.RejectedExecutionException.class);
    }

    private static void roundTrip(DefaultCamelContext context, String group) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=" + group).to("mock:received");
            }
        });
        context.start();
        MockEndpoint received = context.getEndpoint("mock:received", MockEndpoint.class);
        received.expectedBodiesReceived("{\"vertx\":\"" + group + "\"}");
        context.createProducerTemplate().sendBodyAndHeaders("mconnect-events:events", "{\"vertx\":\"" + group + "\"}",
                Map.of(MConnectEventsConstants.CLOUD_EVENT_SOURCE, SOURCE, MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED));
        received.assertIsSatisfied(20_000);
    }
}
