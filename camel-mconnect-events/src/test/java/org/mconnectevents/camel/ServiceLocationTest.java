package org.mconnectevents.camel;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.EndpointServiceRegistry.EndpointService;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.support.RegistryCamelTestSupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where an endpoint talks, as Camel's service registry, JBang and the dev console show it: the service's host and port
 * from the base address, https for producers, wss or https for consumers by their transport, and the channel and
 * group as metadata.
 */
class ServiceLocationTest extends RegistryCamelTestSupport {

    @Test
    void aProducerTalksHttpsToTheBaseAddressesHostAndPort() {
        EndpointServiceLocation producer = context.getEndpoint("mconnect-events:test", MConnectEventsEndpoint.class);

        assertThat(producer.getServiceUrl()).isEqualTo("127.0.0.1:" + EMULATOR.emulator().port());
        assertThat(producer.getServiceProtocol()).isEqualTo("https");
        assertThat(producer.getServiceMetadata()).isEqualTo(Map.of("channel", "test"));
    }

    @Test
    void aWebSocketConsumerIsListedByCamelsServiceRegistryAsWssWithItsGroup() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=located").routeId("consume").to("mock:consumed");
            }
        });
        context.start();

        EndpointService consumer = await().atMost(Duration.ofSeconds(10))
                .until(() -> inbound(context.getCamelContextExtension().getEndpointServiceRegistry().listAllEndpointServices()),
                        service -> service != null);
        assertThat(consumer.getComponent()).isEqualTo("mconnect-events");
        assertThat(consumer.getServiceUrl()).isEqualTo("127.0.0.1:" + EMULATOR.emulator().port());
        assertThat(consumer.getServiceProtocol()).isEqualTo("wss");
        assertThat(consumer.getServiceMetadata()).isEqualTo(Map.of("channel", "events", "group", "located", "transport", "websocket"));
        assertThat(consumer.getRouteId()).isEqualTo("consume");
    }

    @Test
    void aLongPollingConsumerTalksHttps() throws Exception {
        MConnectEventsEndpoint endpoint = context.getEndpoint("mconnect-events:dead?group=late&transport=longpolling",
                MConnectEventsEndpoint.class);
        endpoint.createConsumer(exchange -> { });

        assertThat(endpoint.getServiceProtocol()).isEqualTo("https");
        assertThat(endpoint.getServiceMetadata()).isEqualTo(Map.of("channel", "dead", "group", "late", "transport", "longpolling"));
    }

    private static EndpointService inbound(List<EndpointService> services) {
        return services.stream().filter(service -> "in".equals(service.getDirection())).findFirst().orElse(null);
    }
}
