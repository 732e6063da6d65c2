package org.mconnectevents.camel;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.camel.support.RegistryConsumption;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.Waiting.throughout;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * Confirmation: cumulative, batched by confirmBatchSize and confirmInterval, never past an event still in flight;
 * with autoConfirm=false only through the handle in the CamelMConnectEventsConfirmation header, or by reporting the
 * event dead.
 */
class ConfirmationTest extends EmulatorRouteTestSupport {

    @Test
    void aThousandEventsAreConfirmedInTenMessagesOfAHundred() throws Exception {
        consume("mconnect-events:events?group=batched&confirmBatchSize=100&confirmInterval=60000", exchange -> { });

        OrderEvents.produce(template, OrderEvents.orders("order-", 1000, n -> "customer:" + n % 40));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "batched").confirmed()).isEqualTo(1000));
        assertThat(RegistryConsumption.confirmMessages(emulator)).isEqualTo(10);
    }

    @Test
    void fewerEventsThanABatchAreConfirmedAfterTheIntervalAndNothingIsSentWhileNothingNewFinished() throws Exception {
        consume("mconnect-events:events?group=interval&confirmBatchSize=100&confirmInterval=200", exchange -> { });

        OrderEvents.produce(template, OrderEvents.orders("order-", 5, n -> "customer:" + n));

        within(10).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "interval").confirmed()).isEqualTo(5));
        long messages = RegistryConsumption.confirmMessages(emulator);
        assertThat(messages).isBetween(1L, 5L);
        throughout(1000).untilAsserted(() -> assertThat(RegistryConsumption.confirmMessages(emulator)).isEqualTo(messages));
    }

    @Test
    void aConfirmationNeverPassesAnEventStillInFlight() throws Exception {
        CountDownLatch slowOrderStarted = new CountDownLatch(1);
        CountDownLatch releaseSlowOrder = new CountDownLatch(1);
        List<String> finished = new CopyOnWriteArrayList<>();
        consume("mconnect-events:events?group=in-flight&parallelism=4&confirmBatchSize=1&confirmInterval=50", exchange -> {
            if (idOf(exchange).equals("slow-order")) {
                slowOrderStarted.countDown();
                assertThat(releaseSlowOrder.await(20, TimeUnit.SECONDS)).isTrue();
            }
            finished.add(idOf(exchange));
        });
        try {
            OrderEvents.produce(template, List.of(OrderEvents.order("slow-order", "customer:slow")));
            assertThat(slowOrderStarted.await(20, TimeUnit.SECONDS)).isTrue();

            // later offsets; those whose key shares the slow order's lane wait behind it, the others finish
            OrderEvents.produce(template, OrderEvents.orders("order-", 10, n -> "customer:" + n));

            within(10).until(() -> !finished.isEmpty());
            throughout(500).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "in-flight"))
                    .isEqualTo(new RegistryConsumption.Group(0, 11, 0, 1)));
        } finally {
            releaseSlowOrder.countDown();
        }
        within(10).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "in-flight"))
                .isEqualTo(new RegistryConsumption.Group(0, 0, 11, 1)));
    }

    @Test
    void withAutoConfirmFalseEventsAreConfirmedOnlyThroughTheirHandlesAndNeverPastOneNotConfirmed() throws Exception {
        List<MConnectEventsConfirmation> handles = new CopyOnWriteArrayList<>();
        consume("mconnect-events:events?group=manual&autoConfirm=false&confirmInterval=50", exchange -> handles.add(
                exchange.getMessage().getHeader(MConnectEventsConstants.CONFIRMATION, MConnectEventsConfirmation.class)));

        OrderEvents.produce(template, OrderEvents.orders("order-", 10, n -> "customer:" + n));

        within(20).until(() -> handles.size() == 10);
        throughout(500).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "manual"))
                .isEqualTo(new RegistryConsumption.Group(0, 10, 0, 1)));
        List<MConnectEventsConfirmation> byOffset = handles.stream()
                .sorted(Comparator.comparingLong(MConnectEventsConfirmation::getOffset)).toList();

        byOffset.subList(5, 10).forEach(MConnectEventsConfirmation::confirm);
        throughout(500).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "manual").confirmed())
                .as("confirmed while the first five are not").isZero());

        byOffset.subList(0, 5).forEach(MConnectEventsConfirmation::confirm);
        within(10).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "manual"))
                .isEqualTo(new RegistryConsumption.Group(0, 0, 10, 1)));
    }

    @Test
    void withAutoConfirmFalseAnEventReportedDeadIsConfirmedWithoutItsHandle() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mconnect-events:dead"));
                from("mconnect-events:events?group=manual-dead&autoConfirm=false&confirmInterval=50")
                        .throwException(new IllegalArgumentException("order names no customer"));
            }
        });

        OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));

        within(10).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "manual-dead"))
                .isEqualTo(new RegistryConsumption.Group(0, 0, 1, 1)));
        assertThat(emulator.deadEvents(EmulatorClients.REGISTRY)).hasSize(1);
    }
}
