package org.mconnectevents.camel;

import io.cloudevents.CloudEvent;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.camel.support.LogCapture;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.camel.support.RegistryConsumption;
import org.mconnectevents.emulator.Emulator;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * A technical failure (an exchange that fails and is not reported dead) loses nothing: the consumer confirms what
 * finished before the failed event and nothing at or after it, opens a new session after a back-off, and the event
 * comes again until the route processes it.
 */
class ConsumerRedeliveryTest extends CamelTestSupport {

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml("""
            # a small window: a session that fails after a few events does not hold a thousand more
            unconfirmedWindow: 50
            clients:
              - name: registry
                idno: "1003600000010"
                produces:
                  - type: MCE.Test.Order.Created
                    sources: [ "urn:test:registry" ]
                consumes: [ MCE.Test.Order.Created ]
            """);

    private Emulator emulator;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        EmulatorClients.useClient(context, EMULATOR.emulator(), EmulatorClients.REGISTRY);
        return context;
    }

    @BeforeEach
    void startFromNothing() {
        emulator = EMULATOR.emulator();
        emulator.reset();
    }

    @Test
    void nothingIsLostWhenTheRouteThrowsIOExceptionsAtRandom() throws Exception {
        Set<String> processed = ConcurrentHashMap.newKeySet();
        AtomicInteger failedAttempts = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the consumer's own warning logs each failure
                errorHandler(noErrorHandler());
                from("mconnect-events:events?group=random-failures&parallelism=4&confirmInterval=100"
                        + "&reconnectDelay=10&reconnectMaxDelay=40")
                        .process(exchange -> {
                            if (ThreadLocalRandom.current().nextInt(10) == 0) {
                                failedAttempts.incrementAndGet();
                                throw new IOException("connection to the orders database reset");
                            }
                            processed.add(exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class));
                        });
            }
        });
        List<CloudEvent> orders = OrderEvents.orders("order-", 2000, n -> "customer:" + n % 50);

        OrderEvents.produce(template, orders);

        within(50).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "random-failures"))
                .isEqualTo(new RegistryConsumption.Group(0, 0, 2000, 1)));
        assertThat(processed).containsExactlyInAnyOrderElementsOf(OrderEvents.ids(orders));
        assertThat(failedAttempts.get()).as("about one attempt in ten failed").isGreaterThan(100);
    }

    @Test
    void whatFinishedBeforeTheFailedEventIsConfirmedAndTheFailedEventComesAgainWithWhatFollows() throws Exception {
        List<String> attempts = new CopyOnWriteArrayList<>();
        AtomicBoolean databaseWasDown = new AtomicBoolean();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("mconnect-events:events?group=one-failure&reconnectDelay=10").routeId("one-failure")
                        .process(exchange -> {
                            String id = exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class);
                            attempts.add(id);
                            if (id.equals("order-2") && databaseWasDown.compareAndSet(false, true)) {
                                throw new IOException("the orders database is down");
                            }
                        });
            }
        });

        OrderEvents.produce(template, OrderEvents.orders("order-", 5, n -> "customer:1"));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "one-failure").confirmed()).isEqualTo(5));
        assertThat(attempts).as("order-0 and order-1 were confirmed before the session closed; order-2 failed once")
                .containsExactly("order-0", "order-1", "order-2", "order-2", "order-3", "order-4");
        assertThat(endpointOf("one-failure").getReconnectCount()).isEqualTo(1);
    }

    @Test
    void theSessionOfAFailedEventEndsAtOnceThoughEventsAreStillArrivingSoTheEventComesAgainWithoutDelay() throws Exception {
        List<String> attempts = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("mconnect-events:events?group=prompt&reconnectDelay=10&confirmInterval=50")
                        .process(exchange -> {
                            attempts.add(exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class));
                            if (attempts.size() == 1) {
                                throw new IOException("the orders database is down");
                            }
                        });
            }
        });

        // one key: the failed event and the 49 behind it in the window stay with its session until that session ends
        OrderEvents.produce(template, OrderEvents.orders("order-", 300, n -> "customer:1"));

        within(5).until(() -> attempts.size() >= 2);
        assertThat(List.copyOf(attempts).subList(0, 2)).containsExactly("order-0", "order-0");
        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "prompt"))
                .isEqualTo(new RegistryConsumption.Group(0, 0, 300, 1)));
    }

    @Test
    void aFailureThatPersistsIsRetriedWithGrowingDelaysUntilItStops() throws Exception {
        List<String> attempts = new CopyOnWriteArrayList<>();
        try (LogCapture log = LogCapture.of(SessionRunner.class)) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(noErrorHandler());
                    from("mconnect-events:events?group=persisting&reconnectDelay=20&reconnectMaxDelay=160")
                            .process(exchange -> {
                                attempts.add(exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class));
                                if (attempts.size() <= 5) {
                                    throw new IOException("the orders database is down");
                                }
                            });
                }
            });

            OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));

            within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "persisting").confirmed()).isEqualTo(1));
            assertThat(attempts).hasSize(6).containsOnly("order-1");
            List<Long> delays = log.warnings().stream().map(ConsumerRedeliveryTest::backOffOf).toList();
            // half to all of reconnectDelay * 2^(failure-1), at most reconnectMaxDelay
            assertThat(delays).hasSize(5);
            assertThat(delays.get(0)).isBetween(10L, 20L);
            assertThat(delays.get(1)).isBetween(20L, 40L);
            assertThat(delays.get(2)).isBetween(40L, 80L);
            assertThat(delays.get(3)).isBetween(80L, 160L);
            assertThat(delays.get(4)).isBetween(80L, 160L);
        }
    }

    @Test
    void anExchangeMarkedRollbackOnlyIsATechnicalFailureToo() throws Exception {
        List<String> attempts = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=rollback&reconnectDelay=10")
                        .process(exchange -> {
                            attempts.add(exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class));
                            if (attempts.size() == 1) {
                                exchange.setRollbackOnly(true);
                            }
                        });
            }
        });

        OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "rollback").confirmed()).isEqualTo(1));
        assertThat(attempts).containsExactly("order-1", "order-1");
    }

    /** The back-off a technical-failure warning announces: {@code ... comes again in a new session after about 35 ms}. */
    private static long backOffOf(String warning) {
        Matcher delay = Pattern.compile("after about (\\d+) ms").matcher(warning);
        assertThat(delay.find()).as(warning).isTrue();
        return Long.parseLong(delay.group(1));
    }

    private MConnectEventsEndpoint endpointOf(String routeId) {
        return (MConnectEventsEndpoint) context.getRoute(routeId).getEndpoint();
    }
}
