package org.mconnectevents.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.engine.PooledExchangeFactory;
import org.apache.camel.spi.ExchangeFactory;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.camel.support.RegistryConsumption;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mconnectevents.camel.support.Waiting.throughout;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * Each session's state has one owner, so what the lanes, the timer and the route do at once never leaves it wrong:
 * confirmations on the wire only grow; a manual confirmation never covers an event whose exchange then failed; any
 * Throwable of an exchange is a failure of its event, never a lost offset; and exchanges go back to a pooled
 * exchange factory.
 */
class SessionOwnershipTest extends EmulatorRouteTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        ExchangeFactory pooled = new PooledExchangeFactory();
        pooled.setStatisticsEnabled(true);
        context.getCamelContextExtension().setExchangeFactory(pooled);
        return context;
    }

    @Test
    void confirmationsOnTheWireOnlyGrowWhileEightLanesFinishEventsInAnyOrder() throws Exception {
        consume("mconnect-events:events?group=growing&parallelism=8&confirmBatchSize=1&confirmInterval=10", exchange -> { });

        OrderEvents.produce(template, OrderEvents.orders("order-", 20_000, n -> "customer:" + n % 500));

        within(60).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "growing").confirmed()).isEqualTo(20_000));
        assertThat(RegistryConsumption.confirmMessages(emulator)).isGreaterThan(100);
        assertThat(emulator.state().path("clients").path("registry").path("confirmMessagesBelowPrevious").asLong())
                .as("confirmations lower than an earlier one of their session").isZero();
    }

    @Test
    void aManualConfirmationDoesNotCoverAnEventWhoseRouteThenFailsTechnically() throws Exception {
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        consume("mconnect-events:events?group=confirm-then-fail&autoConfirm=false&confirmInterval=20&reconnectDelay=50",
                exchange -> {
                    exchange.getMessage().getHeader(MConnectEventsConstants.CONFIRMATION, MConnectEventsConfirmation.class).confirm();
                    if (attempts.computeIfAbsent(idOf(exchange), id -> new AtomicInteger()).incrementAndGet() == 1) {
                        throw new IOException("the registry's database is down");
                    }
                });

        OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "confirm-then-fail"))
                .isEqualTo(new RegistryConsumption.Group(0, 0, 1, 1)));
        assertThat(attempts.get("order-1")).as("delivered again after the failure").hasValue(2);
    }

    @Test
    void confirmingAnEventWhoseExchangeFailedFailsLoudly() throws Exception {
        List<MConnectEventsConfirmation> handles = new CopyOnWriteArrayList<>();
        consume("mconnect-events:events?group=confirm-failed&autoConfirm=false&reconnectDelay=60000", exchange -> {
            handles.add(exchange.getMessage().getHeader(MConnectEventsConstants.CONFIRMATION, MConnectEventsConfirmation.class));
            throw new IOException("the registry's database is down");
        });

        OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));

        within(20).until(() -> handles.size() == 1);
        within(10).untilAsserted(() -> assertThatThrownBy(() -> handles.get(0).confirm())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed"));
        throughout(500).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "confirm-failed").confirmed()).isZero());
    }

    @Test
    void anErrorThrownByTheRouteIsAFailureOfItsEventAndTheEventComesAgain() throws Exception {
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        consume("mconnect-events:events?group=error&confirmInterval=20&reconnectDelay=50", exchange -> {
            if (attempts.computeIfAbsent(idOf(exchange), id -> new AtomicInteger()).incrementAndGet() == 1
                    && idOf(exchange).equals("order-2")) {
                throw new StackOverflowError("a recursion in a mapping");
            }
        });

        OrderEvents.produce(template, OrderEvents.orders("order-", 5, n -> "customer:" + n));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "error"))
                .isEqualTo(new RegistryConsumption.Group(0, 0, 5, 1)));
        assertThat(attempts.get("order-2")).hasValue(2);
    }

    @Test
    void everyExchangeGoesBackToAPooledExchangeFactory() throws Exception {
        consume("mconnect-events:events?group=pooled&parallelism=2", exchange -> { });

        OrderEvents.produce(template, OrderEvents.orders("order-", 50, n -> "customer:" + n));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "pooled").confirmed()).isEqualTo(50));
        ExchangeFactory factory = context.getCamelContextExtension().getExchangeFactoryManager().getExchangeFactories().stream()
                .filter(candidate -> candidate.getConsumer() instanceof MConnectEventsConsumer).findFirst().orElseThrow();
        within(5).untilAsserted(() -> assertThat(factory.getStatistics().getReleasedCounter())
                .as("exchanges the consumer released").isEqualTo(50));
    }
}
