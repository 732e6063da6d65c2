package org.mconnectevents.camel;

import org.apache.camel.builder.RouteBuilder;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.camel.support.RegistryConsumption;
import org.mconnectevents.emulator.config.Faults;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * Long polling, the fallback transport, manages its consumer instance as the protocol asks: it confirms and deletes
 * the instance when the route stops, and when the instance expired (its URLs answer 404) it creates a new one, which
 * gets the unconfirmed events again.
 */
class LongPollingConsumerTest extends EmulatorRouteTestSupport {

    @Test
    void stoppingTheRouteConfirmsWhatWasProcessedAndDeletesTheInstance() throws Exception {
        List<String> processed = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=polling&transport=longpolling&confirmInterval=60000").routeId("consumer")
                        .process(exchange -> processed.add(
                                exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class)));
            }
        });
        OrderEvents.produce(template, OrderEvents.orders("order-", 5, n -> "customer:" + n));
        within(20).until(() -> processed.size() == 5);
        assertThat(RegistryConsumption.sessions(emulator)).as("the consumer instance").isEqualTo(1);

        context.getRouteController().stopRoute("consumer");

        assertThat(RegistryConsumption.sessions(emulator)).as("instances left; an instance not deleted lives until it expires")
                .isZero();
        assertThat(RegistryConsumption.group(emulator, "polling")).isEqualTo(new RegistryConsumption.Group(0, 0, 5, 0));
    }

    @Test
    void anInstanceThatExpiredWhileTheRouteWasBusyIsReplacedAndItsUnconfirmedEventsComeAgain() throws Exception {
        CountDownLatch firstOrderStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstOrder = new CountDownLatch(1);
        List<String> attempts = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // maxPendingEvents=1: no poll while an event is being processed, so a slow route lets the instance expire
                from("mconnect-events:events?group=expiring&transport=longpolling&maxPendingEvents=1&reconnectDelay=20")
                        .routeId("consumer")
                        .process(exchange -> {
                            attempts.add(exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class));
                            firstOrderStarted.countDown();
                            assertThat(releaseFirstOrder.await(20, TimeUnit.SECONDS)).isTrue();
                        });
            }
        });
        MConnectEventsEndpoint endpoint = (MConnectEventsEndpoint) context.getRoute("consumer").getEndpoint();
        try {
            OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));
            assertThat(firstOrderStarted.await(20, TimeUnit.SECONDS)).isTrue();

            // only this instance, busy with order-1, expires: a short expiry from the start could also expire an
            // instance between two polls on a loaded machine, before the event arrived
            emulator.setFaults(Faults.builder().instanceExpiry(Duration.ofMillis(300)).build());
            within(10).until(() -> RegistryConsumption.sessions(emulator) == 0);
        } finally {
            emulator.setFaults(Faults.NONE);
            releaseFirstOrder.countDown();
        }

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "expiring"))
                .isEqualTo(new RegistryConsumption.Group(0, 0, 1, 1)));
        assertThat(attempts).as("processed in the expired instance, then again in the new one").containsExactly("order-1", "order-1");
        assertThat(endpoint.getReconnectCount()).isEqualTo(1);
        OrderEvents.produce(template, List.of(OrderEvents.order("order-2", "customer:1")));
        within(20).until(() -> attempts.contains("order-2"));
    }
}
