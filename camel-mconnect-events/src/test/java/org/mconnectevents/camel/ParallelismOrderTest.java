package org.mconnectevents.camel;

import io.cloudevents.CloudEvent;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.support.LogCapture;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.camel.support.RegistryConsumption;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * How one endpoint spreads its work: {@code parallelism} lanes per session process events at once, yet two events
 * of one partition key never run at the same time and always run in the order they were produced; and
 * {@code concurrentConsumers} sessions share the group's events, with a warning when their number does not divide 12.
 */
class ParallelismOrderTest extends EmulatorRouteTestSupport {

    @Test
    void eightLanesKeepTheOrderOfEveryKeyAndNeverRunTwoEventsOfOneKeyAtOnce() throws Exception {
        Map<String, List<String>> processedByKey = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> runningByKey = new ConcurrentHashMap<>();
        List<String> ranAlongsideItsKey = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=ordered&parallelism=8")
                        .process(exchange -> {
                            String key = exchange.getMessage().getHeader(MConnectEventsConstants.PARTITION_KEY, String.class);
                            String id = exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class);
                            AtomicInteger runningOfKey = runningByKey.computeIfAbsent(key, k -> new AtomicInteger());
                            if (runningOfKey.incrementAndGet() > 1) {
                                ranAlongsideItsKey.add(id);
                            }
                            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                            try {
                                processedByKey.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(id);
                                workForAWhile();
                            } finally {
                                running.decrementAndGet();
                                runningOfKey.decrementAndGet();
                            }
                        });
            }
        });
        Random keys = new Random(12);
        List<CloudEvent> orders = OrderEvents.orders("order-", 10_000, n -> "customer:" + keys.nextInt(200));

        OrderEvents.produce(template, orders);

        within(40).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "ordered"))
                .isEqualTo(new RegistryConsumption.Group(0, 0, 10_000, 1)));
        Map<String, List<String>> producedByKey = orders.stream().collect(Collectors.groupingBy(
                order -> order.getExtension("partitionkey").toString(),
                Collectors.mapping(CloudEvent::getId, Collectors.toList())));
        assertThat(processedByKey.keySet()).containsExactlyInAnyOrderElementsOf(producedByKey.keySet());
        producedByKey.forEach((key, produced) -> assertThat(processedByKey.get(key)).as("the events of %s", key)
                .containsExactlyElementsOf(produced));
        assertThat(ranAlongsideItsKey).as("events that ran while another event of their key was running").isEmpty();
        assertThat(mostRunning.get()).as("events of different keys ran at the same time").isGreaterThan(1);
    }

    @Test
    void concurrentConsumersOpenSessionsThatShareTheEventsOfTheGroup() throws Exception {
        Map<String, String> sessionOfEvent = new ConcurrentHashMap<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=shared&concurrentConsumers=3")
                        .process(exchange -> sessionOfEvent.put(idOf(exchange), sessionOf(Thread.currentThread().getName())));
            }
        });
        within(20).until(() -> RegistryConsumption.group(emulator, "shared").sessions() == 3);
        List<CloudEvent> orders = OrderEvents.orders("order-", 300, n -> "customer:" + n);

        OrderEvents.produce(template, orders);

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "shared").confirmed()).isEqualTo(300));
        assertThat(sessionOfEvent.keySet()).containsExactlyInAnyOrderElementsOf(OrderEvents.ids(orders));
        assertThat(Set.copyOf(sessionOfEvent.values())).as("sessions that processed events").hasSize(3);
    }

    @Test
    void concurrentConsumersThatDoNotDivideTwelveAreWarnedAbout() throws Exception {
        try (LogCapture log = LogCapture.of(MConnectEventsConsumer.class)) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("mconnect-events:events?group=uneven&concurrentConsumers=5").to("mock:uneven");
                }
            });

            within(20).until(() -> RegistryConsumption.group(emulator, "uneven").sessions() == 5);
            assertThat(log.warnings()).singleElement().asString()
                    .contains("concurrentConsumers=5")
                    .contains("does not divide 12")
                    .contains("Use 1, 2, 3, 4, 6 or 12");
        }
    }

    /** Processing time that varies from event to event, so that lanes finish out of step. */
    private static void workForAWhile() throws InterruptedException {
        TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextInt(500));
    }


    /** The session of a lane thread, e.g. {@code #2} of {@code Camel (camel-1) thread #5 - MConnectEventsConsumer[events, shared]#2}. */
    private static String sessionOf(String threadName) {
        return threadName.substring(threadName.lastIndexOf('#'));
    }
}
