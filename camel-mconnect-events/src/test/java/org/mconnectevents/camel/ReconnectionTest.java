package org.mconnectevents.camel;

import io.cloudevents.CloudEvent;
import org.apache.camel.builder.RouteBuilder;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mconnectevents.camel.support.LogCapture;
import org.mconnectevents.camel.support.LoopbackProxy;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.camel.support.RegistryConsumption;
import org.mconnectevents.emulator.config.Faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.Waiting.throughout;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * A consumer stays connected: it opens a new session whenever one ends (closed by the service, refused, half-open),
 * forever, with exponential back-off and jitter between attempts; WebSocket pings find a connection that delivers
 * nothing more without being closed; and no event is lost on the way.
 */
class ReconnectionTest extends EmulatorRouteTestSupport {

    private static final Pattern RECONNECTING_IN = Pattern.compile("reconnecting in (\\d+) ms");

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = { "websocket", "longpolling" })
    void everyEventArrivesWhenTheServiceDropsTheSessionsWhileEventsFlow(String transport) throws Exception {
        Set<String> received = ConcurrentHashMap.newKeySet();
        consume("mconnect-events:events?group=dropped&transport=" + transport + "&reconnectDelay=20&confirmInterval=50", received);
        MConnectEventsEndpoint endpoint = (MConnectEventsEndpoint) context.getRoute("consumer").getEndpoint();
        List<CloudEvent> orders = OrderEvents.orders("order-", 1000, n -> "customer:" + n % 30);

        for (int batch = 0; batch < 5; batch++) {
            OrderEvents.produce(template, orders.subList(batch * 200, (batch + 1) * 200));
            int before = batch * 200;
            within(10).until(() -> received.size() > before);
            emulator.dropSessions();
            int drops = batch + 1;
            within(10).until(() -> endpoint.getReconnectCount() >= drops);
        }

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "dropped"))
                .isEqualTo(new RegistryConsumption.Group(0, 0, 1000, 1)));
        assertThat(received).containsExactlyInAnyOrderElementsOf(OrderEvents.ids(orders));
        assertThat(endpoint.getReconnectCount()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void whileTheServiceRefusesConnectionsTheConsumerRetriesWithExponentialBackOffAndJitterThenConnects() throws Exception {
        Set<String> received = ConcurrentHashMap.newKeySet();
        try (LoopbackProxy proxy = LoopbackProxy.to(emulator.port());
             LogCapture log = LogCapture.of(SessionRunner.class)) {
            proxy.refuseConnections(true);
            consume("mconnect-events:events?group=refused&reconnectDelay=40&reconnectMaxDelay=320&baseAddress="
                    + proxy.baseAddress(), received);

            within(20).until(() -> log.warnings().size() >= 7);
            proxy.refuseConnections(false);
            OrderEvents.produce(template, OrderEvents.orders("order-", 10, n -> "customer:" + n));

            within(20).until(() -> received.size() == 10);
            List<Long> delays = reconnectDelays(log.warnings().subList(0, 7));
            // each attempt waits between half and all of reconnectDelay * 2^(attempt-1), at most reconnectMaxDelay
            assertThat(delays.get(0)).isBetween(20L, 40L);
            assertThat(delays.get(1)).isBetween(40L, 80L);
            assertThat(delays.get(2)).isBetween(80L, 160L);
            assertThat(delays.subList(3, 7)).allSatisfy(delay -> assertThat(delay).isBetween(160L, 320L));
            assertThat(proxy.connectionsAccepted()).isGreaterThanOrEqualTo(8);
            context.getRouteController().stopRoute("consumer"); // before the proxy goes
        }
    }

    @Test
    void aSessionThatOpenedWasNoFailedAttemptSoAnIdleConsumerClosedByTheServiceRetriesWithoutGrowingDelays() throws Exception {
        try (LogCapture log = LogCapture.of(SessionRunner.class)) {
            consume("mconnect-events:events?group=idle&reconnectDelay=40&reconnectMaxDelay=5000", ConcurrentHashMap.newKeySet());
            MConnectEventsEndpoint endpoint = (MConnectEventsEndpoint) context.getRoute("consumer").getEndpoint();
            for (int closed = 1; closed <= 5; closed++) {
                // the client counts a session open once upgraded; the service may register it a moment later
                within(10).until(() -> RegistryConsumption.group(emulator, "idle").sessions() == 1);
                emulator.dropSessions();
                int reconnects = closed;
                within(10).until(() -> endpoint.getReconnectCount() == reconnects);
            }

            assertThat(log.warnings()).hasSize(5);
            assertThat(reconnectDelays(log.warnings())).as("half to all of reconnectDelay")
                    .allSatisfy(delay -> assertThat(delay).isBetween(20L, 40L));
        }
    }

    @Test
    void aSessionThatEndsAfterEventsArrivedAndBeforeItConfirmedAnyIsAFailedAttemptSoTheDelaysGrow() throws Exception {
        emulator.setFaults(Faults.builder().closeSessionAfterMessages(1).build());
        try (LogCapture log = LogCapture.of(SessionRunner.class)) {
            // never confirms in time: each session takes the same event and is closed before it confirms it
            consume("mconnect-events:events?group=ends-early&reconnectDelay=40&reconnectMaxDelay=640"
                    + "&confirmInterval=60000&confirmBatchSize=100", ConcurrentHashMap.newKeySet());
            OrderEvents.produce(template, OrderEvents.orders("order-", 1, n -> "customer:" + n));

            within(20).until(() -> log.warnings().size() >= 6);
            List<Long> delays = reconnectDelays(log.warnings().subList(0, 6));
            assertThat(delays.get(0)).isBetween(20L, 40L);
            assertThat(delays.get(1)).isBetween(40L, 80L);
            assertThat(delays.get(2)).isBetween(80L, 160L);
            assertThat(delays.get(3)).isBetween(160L, 320L);
            assertThat(delays.subList(4, 6)).allSatisfy(delay -> assertThat(delay).isBetween(320L, 640L));
        } finally {
            emulator.setFaults(Faults.builder().build());
        }
    }

    @Test
    void pingsFindAHalfOpenConnectionAndTheConsumerReconnectsWithoutLosingAnEvent() throws Exception {
        Set<String> received = ConcurrentHashMap.newKeySet();
        try (LoopbackProxy proxy = LoopbackProxy.to(emulator.port());
             LogCapture log = LogCapture.of(SessionRunner.class)) {
            consume("mconnect-events:events?group=half-open&pingInterval=100&pingTimeout=500&reconnectDelay=20"
                    + "&confirmInterval=50&baseAddress=" + proxy.baseAddress(), received);
            MConnectEventsEndpoint endpoint = (MConnectEventsEndpoint) context.getRoute("consumer").getEndpoint();
            OrderEvents.produce(template, OrderEvents.orders("before-", 10, n -> "customer:" + n));
            within(20).until(() -> received.size() == 10);

            proxy.stallConnections();
            OrderEvents.produce(template, OrderEvents.orders("after-", 10, n -> "customer:" + n));

            // neither the proxy nor the service closes the stalled connection: only the pings can leave it
            within(20).until(() -> received.size() == 20);
            assertThat(received).contains("after-0", "after-9");
            assertThat(endpoint.getReconnectCount()).isPositive();
            assertThat(proxy.connectionsAccepted()).isGreaterThanOrEqualTo(2);
            assertThat(log.warnings()).anySatisfy(warning -> assertThat(warning)
                    .contains("no pong within PT0.5S").contains("the connection is half-open"));
            context.getRouteController().stopRoute("consumer"); // before the proxy goes
        }
    }

    @Test
    void aHalfOpenConnectionIsGivenUpPingTimeoutAfterItsUnansweredPingNotAtTheNextPing() throws Exception {
        Set<String> received = ConcurrentHashMap.newKeySet();
        try (LoopbackProxy proxy = LoopbackProxy.to(emulator.port())) {
            consume("mconnect-events:events?group=pong-timeout&pingInterval=6s&pingTimeout=1s&reconnectDelay=20"
                    + "&confirmInterval=50&baseAddress=" + proxy.baseAddress(), received);
            OrderEvents.produce(template, OrderEvents.orders("order-", 5, n -> "customer:" + n));
            // all confirmed, so that the session has nothing left to send but its pings
            within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "pong-timeout"))
                    .isEqualTo(new RegistryConsumption.Group(0, 0, 5, 1)));

            proxy.stallConnections();
            within(10).until(() -> proxy.clientSentWhileStalled().isDone());
            long pingSentAt = proxy.clientSentWhileStalled().get();
            within(10).until(() -> proxy.connectionsAccepted() >= 2);
            long givenUpAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pingSentAt);

            // pingTimeout (1 s) after the ping, plus reconnectDelay and a connection; not pingInterval (6 s) later
            assertThat(givenUpAfter).isBetween(800L, 4000L);
            context.getRouteController().stopRoute("consumer"); // before the proxy goes
        }
    }

    @Test
    void aSessionPausedForBackPressureLongerThanPingTimeoutIsNotGivenUpForPongsItCannotRead() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Set<String> received = ConcurrentHashMap.newKeySet();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=paused&pingInterval=100&pingTimeout=300&maxPendingEvents=1")
                        .routeId("consumer")
                        .process(exchange -> {
                            release.await(20, TimeUnit.SECONDS);
                            received.add(idOf(exchange));
                        });
            }
        });
        MConnectEventsEndpoint endpoint = (MConnectEventsEndpoint) context.getRoute("consumer").getEndpoint();
        OrderEvents.produce(template, OrderEvents.orders("order-", 200, n -> "customer:" + n));
        within(10).until(() -> RegistryConsumption.group(emulator, "paused").inFlight() > 0);

        // paused on the first event; once its buffer of unread messages is full the socket reads nothing, and the
        // pongs wait unread behind the events, five timeouts long
        throughout(1500).until(() -> RegistryConsumption.group(emulator, "paused").sessions() == 1);
        release.countDown();

        within(20).until(() -> received.size() == 200);
        assertThat(endpoint.getReconnectCount()).isZero();
    }

    private void consume(String uri, Set<String> received) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("consumer").process(exchange -> received.add(
                        exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class)));
            }
        });
    }

    /** The delays the warnings announce ("reconnecting in N ms"), in order; each warning must announce one. */
    private static List<Long> reconnectDelays(List<String> warnings) {
        List<Long> delays = new ArrayList<>();
        for (String warning : warnings) {
            Matcher delay = RECONNECTING_IN.matcher(warning);
            assertThat(delay.find()).as(warning).isTrue();
            delays.add(Long.parseLong(delay.group(1)));
        }
        return delays;
    }
}
