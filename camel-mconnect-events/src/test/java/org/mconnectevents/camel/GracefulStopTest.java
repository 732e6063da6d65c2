package org.mconnectevents.camel;

import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.camel.support.RegistryConsumption;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.Waiting.throughout;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * Stopping a consumer route is graceful: it takes no more events, lets the events in flight finish within stopTimeout,
 * confirms what finished and closes the session; processed events do not come again, and an event that did not
 * finish in time does.
 */
class GracefulStopTest extends EmulatorRouteTestSupport {

    @Test
    void stoppingTheRouteConfirmsWhatWasProcessedSoItDoesNotComeAgain() throws Exception {
        List<String> processed = new CopyOnWriteArrayList<>();
        consume("mconnect-events:events?group=flushed&confirmBatchSize=1000&confirmInterval=60000",
                exchange -> processed.add(idOf(exchange)));
        OrderEvents.produce(template, OrderEvents.orders("order-", 20, n -> "customer:1"));
        within(20).until(() -> processed.size() == 20);
        assertThat(RegistryConsumption.group(emulator, "flushed").inFlight()).as("nothing confirmed before the stop").isEqualTo(20);

        context.getRouteController().stopRoute("consumer");

        // the confirmation and the close are on their way when the stop returns: a WebSocket confirm has no answer
        within(10).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "flushed"))
                .isEqualTo(new RegistryConsumption.Group(0, 0, 20, 0)));
        context.getRouteController().startRoute("consumer");
        // behind the 20 in their key's order: had any of them come again, it would arrive before this one
        OrderEvents.produce(template, List.of(OrderEvents.order("after-restart", "customer:1")));
        within(20).until(() -> processed.contains("after-restart"));
        assertThat(processed).hasSize(21).doesNotHaveDuplicates();
    }

    @Test
    void stoppingTheRouteLetsTheEventInFlightFinishThenConfirmsIt() throws Exception {
        CountDownLatch orderStarted = new CountDownLatch(1);
        CountDownLatch releaseOrder = new CountDownLatch(1);
        List<String> processed = new CopyOnWriteArrayList<>();
        consume("mconnect-events:events?group=finishing&confirmInterval=60000&stopTimeout=10000", exchange -> {
            orderStarted.countDown();
            assertThat(releaseOrder.await(20, TimeUnit.SECONDS)).isTrue();
            processed.add(idOf(exchange));
        });
        OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));
        assertThat(orderStarted.await(20, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                context.getRouteController().stopRoute("consumer");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            within(10).until(() -> ((MConnectEventsConsumer) context.getRoute("consumer").getConsumer()).isStopping());
            throughout(300).untilAsserted(() -> assertThat(stopping).as("the stop waits for the event in flight").isNotDone());
        } finally {
            releaseOrder.countDown();
        }
        stopping.get(20, TimeUnit.SECONDS);

        assertThat(processed).containsExactly("order-1");
        within(10).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "finishing"))
                .isEqualTo(new RegistryConsumption.Group(0, 0, 1, 0)));
    }

    @Test
    void anEventThatDoesNotFinishWithinStopTimeoutIsLeftUnconfirmedAndComesAgain() throws Exception {
        CountDownLatch orderStarted = new CountDownLatch(1);
        List<String> attempts = new CopyOnWriteArrayList<>();
        consume("mconnect-events:events?group=stuck&confirmInterval=50&stopTimeout=300", exchange -> {
            attempts.add(idOf(exchange));
            orderStarted.countDown();
            if (attempts.size() == 1) {
                new CountDownLatch(1).await(20, TimeUnit.SECONDS); // stuck, until the stop gives up on it
            }
        });
        OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));
        assertThat(orderStarted.await(20, TimeUnit.SECONDS)).isTrue();
        long stopStarted = System.nanoTime();

        context.getRouteController().stopRoute("consumer");

        assertThat(Duration.ofNanos(System.nanoTime() - stopStarted)).as("the stop waited about stopTimeout, not the 20 s")
                .isLessThan(Duration.ofSeconds(5));
        within(10).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "stuck"))
                .isEqualTo(new RegistryConsumption.Group(1, 0, 0, 0)));
        context.getRouteController().startRoute("consumer");
        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "stuck").confirmed()).isEqualTo(1));
        assertThat(attempts).containsExactly("order-1", "order-1");
    }

    /**
     * Camel's own shutdown timeout, when shorter than stopTimeout, ends the wait: Camel interrupts the stopping thread.
     * The consumer then stops at once, as after stopTimeout: it confirms what finished, closes its session (the stuck
     * event comes again) and shuts its lanes down, rather than leaving the session open behind a route reported stopped.
     */
    @Test
    void camelsShutdownTimeoutShorterThanStopTimeoutStopsTheConsumerAtOnce() throws Exception {
        context.getShutdownStrategy().setTimeout(1);
        CountDownLatch orderStarted = new CountDownLatch(1);
        List<String> attempts = new CopyOnWriteArrayList<>();
        consume("mconnect-events:events?group=interrupted&confirmInterval=50&stopTimeout=30000", exchange -> {
            attempts.add(idOf(exchange));
            orderStarted.countDown();
            if (attempts.size() == 1) {
                new CountDownLatch(1).await(40, TimeUnit.SECONDS); // stuck, until interrupted
            }
        });
        OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));
        assertThat(orderStarted.await(20, TimeUnit.SECONDS)).isTrue();
        MConnectEventsConsumer consumer = (MConnectEventsConsumer) context.getRoute("consumer").getConsumer();

        context.getRouteController().stopRoute("consumer");

        assertThat(consumer.getStatus()).isEqualTo(ServiceStatus.Stopped);
        within(10).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "interrupted"))
                .as("the session closed well before stopTimeout, the stuck event unconfirmed")
                .isEqualTo(new RegistryConsumption.Group(1, 0, 0, 0)));
        context.getRouteController().startRoute("consumer");
        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "interrupted").confirmed()).isEqualTo(1));
        assertThat(attempts).containsExactly("order-1", "order-1");
    }
}
