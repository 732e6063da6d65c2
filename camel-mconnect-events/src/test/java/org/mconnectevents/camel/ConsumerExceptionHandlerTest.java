package org.mconnectevents.camel;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.ExceptionHandler;
import org.junit.jupiter.api.Test;
import org.mconnectevents.client.MConnectEventsUnavailableException;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.mconnectevents.camel.support.LoopbackProxy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * Problems of a session rather than of an event go through the consumer's exception handler, as in every Camel
 * component: {@code exceptionHandler=#bean} receives them, and {@code bridgeErrorHandler=true} hands them to the
 * route's error handler.
 */
class ConsumerExceptionHandlerTest extends EmulatorRouteTestSupport {

    @Test
    void anExceptionHandlerOfTheEndpointReceivesTheSessionsThatCouldNotOpen() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        List<Throwable> causes = new CopyOnWriteArrayList<>();
        context.getRegistry().bind("recorder", new ExceptionHandler() {
            @Override
            public void handleException(Throwable exception) {
                handleException(null, null, exception);
            }

            @Override
            public void handleException(String message, Throwable exception) {
                handleException(message, null, exception);
            }

            @Override
            public void handleException(String message, Exchange exchange, Throwable exception) {
                messages.add(message);
                causes.add(exception);
            }
        });
        try (LoopbackProxy proxy = LoopbackProxy.to(emulator.port())) {
            proxy.refuseConnections(true);
            consume("mconnect-events:events?group=handled&reconnectDelay=20&reconnectMaxDelay=40&exceptionHandler=#recorder"
                    + "&baseAddress=" + proxy.baseAddress(), exchange -> { });

            within(20).until(() -> messages.size() >= 2);
            assertThat(messages).allSatisfy(message -> assertThat(message).contains("session ended").contains("reconnecting in"));
            assertThat(causes).allSatisfy(cause -> assertThat(cause).isInstanceOf(MConnectEventsUnavailableException.class));
            context.getRouteController().stopRoute("consumer");
        }
    }

    @Test
    void withBridgeErrorHandlerTheRoutesErrorHandlerReceivesThem() throws Exception {
        List<Throwable> bridged = new CopyOnWriteArrayList<>();
        try (LoopbackProxy proxy = LoopbackProxy.to(emulator.port())) {
            proxy.refuseConnections(true);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(MConnectEventsUnavailableException.class).handled(true)
                            .process(exchange -> bridged.add(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
                    from("mconnect-events:events?group=bridged&reconnectDelay=20&reconnectMaxDelay=40&bridgeErrorHandler=true"
                            + "&baseAddress=" + proxy.baseAddress()).routeId("consumer")
                            .to("mock:never");
                }
            });

            within(20).until(() -> bridged.size() >= 2);
            assertThat(bridged).allSatisfy(cause -> assertThat(cause).hasMessageContaining("Cannot open a WebSocket consumer session"));
            context.getRouteController().stopRoute("consumer");
        }
        assertThat(getMockEndpoint("mock:never").getReceivedCounter()).isZero();
    }
}
