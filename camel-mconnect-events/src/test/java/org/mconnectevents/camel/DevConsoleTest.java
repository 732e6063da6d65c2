package org.mconnectevents.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.mconnectevents.camel.support.OrderEvents;

import java.io.IOException;
import java.net.ServerSocket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * The component's page in Camel's developer console, found as the runtime finds it (Camel's DevConsoleRegistry loads
 * the consoles of the class path), as text and as JSON: per consumer its sessions, transport, group, offsets delivered
 * and confirmed, lanes busy, pending events, reconnections and last error; per producer its counters; the client
 * certificate with its days left; the outboxes added to the component.
 */
class DevConsoleTest extends EmulatorRouteTestSupport {

    private static final String CONSUMER = "mconnect-events:events?group=console&parallelism=2&confirmInterval=50";

    private final CountDownLatch release = new CountDownLatch(1);
    private final int closedPort = closedPort();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.setDevConsole(true);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(CONSUMER).routeId("registrations").process(exchange -> release.await(30, TimeUnit.SECONDS));
                from("mconnect-events:events?group=nowhere&reconnectDelay=100&reconnectMaxDelay=200&baseAddress=https://127.0.0.1:"
                        + closedPort + "/").routeId("unreachable").to("mock:never");
                from("direct:announce").routeId("announce").to("mconnect-events:events");
            }
        };
    }

    @AfterEach
    void releaseTheRoute() {
        release.countDown();
    }

    @Test
    void theRegistryFindsTheConsoleOnTheClassPath() {
        DevConsoleRegistry registry = DevConsoleRegistry.get(context);
        registry.loadDevConsoles();

        assertThat(registry.getConsole("mconnect-events")).get()
                .satisfies(console -> assertThat(console.getDisplayName()).isEqualTo("MConnect Events"))
                .satisfies(console -> assertThat(console.supportMediaType(DevConsole.MediaType.JSON)).isTrue());
    }

    @Test
    void jsonShowsEachConsumerWithItsSessionsAndEachProducerWithItsCounters() {
        OrderEvents.produce(template, OrderEvents.orders("console-", 3, n -> null));
        template.sendBodyAndHeaders("direct:announce", "{\"order\":\"announced\"}", Map.of(
                MConnectEventsConstants.CLOUD_EVENT_SOURCE, EmulatorClients.SOURCE,
                MConnectEventsConstants.CLOUD_EVENT_TYPE, EmulatorClients.ORDER_CREATED));

        // without partition keys the events take the lanes in turn: two held by the route, two waiting behind them
        within(20).untilAsserted(() -> {
            JsonObject session = first(sessions(consumer(json(), "registrations")));
            assertThat(session.getString("state")).isEqualTo("CONNECTED");
            assertThat(session.getInteger("inFlight")).isEqualTo(4);
            assertThat(session.getLong("confirmationLag")).isEqualTo(4);
            assertThat(consumer(json(), "registrations").getInteger("lanesBusy")).isEqualTo(2);
        });
        JsonObject registrations = consumer(json(), "registrations");
        assertThat(registrations.getString("channel")).isEqualTo("events");
        assertThat(registrations.getString("group")).isEqualTo("console");
        assertThat(registrations.getString("transport")).isEqualTo("websocket");
        assertThat(registrations.getInteger("lanes")).isEqualTo(2);
        assertThat(registrations.getInteger("pending")).isEqualTo(4);
        assertThat(first(sessions(registrations)).getLong("confirmedOffset")).isEqualTo(-1);

        release.countDown();
        within(20).untilAsserted(() -> {
            JsonObject consumer = consumer(json(), "registrations");
            JsonObject session = first(sessions(consumer));
            assertThat(session.getLong("confirmedOffset")).isEqualTo(session.getLong("deliveredOffset")).isNotEqualTo(-1L);
            assertThat(session.getInteger("inFlight")).isZero();
            assertThat(session.getLong("confirmationLag")).isZero();
            assertThat(consumer.getLong("consumed")).isEqualTo(4);
            assertThat(consumer.getLong("confirmed")).isEqualTo(4);
            assertThat(consumer.getInteger("lanesBusy")).isZero();
        });

        JsonArray producers = json().getCollection("producers");
        assertThat(producers).hasSize(1);
        JsonObject producer = first(producers);
        assertThat(producer.getString("endpoint")).isEqualTo("mconnect-events://events");
        assertThat(producer.getLong("produced")).isEqualTo(4);
        assertThat(producer.getLong("rejected")).isZero();
    }

    @Test
    void aConsumerThatCannotConnectShowsItsLastErrorAndReconnections() {
        within(20).untilAsserted(() -> {
            JsonObject unreachable = consumer(json(), "unreachable");
            JsonObject session = first(sessions(unreachable));
            assertThat(session.getString("state")).isIn("CONNECTING", "RECONNECTING");
            assertThat(session.getString("lastError")).contains(String.valueOf(closedPort));
            assertThat(unreachable.getString("group")).isEqualTo("nowhere");
        });
        assertThat(text()).contains("Consumer of route unreachable").contains("last error: ");
    }

    @Test
    void theClientCertificateShowsItsSubjectAndDaysLeft() {
        X509Certificate certificate = EmulatorClients.clientCertificate(EMULATOR.emulator(), EmulatorClients.REGISTRY);
        long daysLeft = Duration.between(Instant.now(), certificate.getNotAfter().toInstant()).toDays();

        JsonObject shown = first(json().getCollection("certificates"));

        assertThat(json().<JsonArray>getCollection("certificates")).hasSize(1);
        assertThat(shown.getString("subject")).isEqualTo(certificate.getSubjectX500Principal().getName());
        assertThat(shown.getLong("daysLeft")).isEqualTo(daysLeft);
        assertThat(text()).contains("Certificate " + certificate.getSubjectX500Principal().getName())
                .contains(daysLeft + " days left");
    }

    @Test
    void anOutboxAddedToTheComponentShowsItsBacklog() {
        Instant oldest = Instant.now().minusSeconds(90);
        MConnectEventsBacklog outbox = new MConnectEventsBacklog() {
            @Override
            public String name() {
                return "orders";
            }

            @Override
            public Measurement measure() {
                return new Measurement(7, 1, oldest);
            }
        };
        context.getComponent("mconnect-events", MConnectEventsComponent.class).addBacklog(outbox);

        JsonObject shown = first(json().getCollection("outboxes"));

        assertThat(shown.getString("name")).isEqualTo("orders");
        assertThat(shown.getLong("pending")).isEqualTo(7);
        assertThat(shown.getLong("parked")).isEqualTo(1);
        assertThat(shown.getLong("oldestPendingAgeSeconds")).isBetween(90L, 600L);
        assertThat(text()).contains("Outbox orders: 7 pending, 1 parked, oldest pending");
    }

    @Test
    void textShowsWhatJsonShows() {
        within(20).untilAsserted(() -> assertThat(first(sessions(consumer(json(), "registrations"))).getString("state"))
                .isEqualTo("CONNECTED"));

        assertThat(text())
                .contains("Consumer of route registrations (mconnect-events://events?")
                .contains("channel: events, group: console, transport: websocket")
                .contains("lanes busy: 0 of 2")
                .contains("session MConnectEventsConsumer[events, console]#0: CONNECTED, offset delivered -1, confirmed -1");
    }

    private JsonObject json() {
        return (JsonObject) console().call(DevConsole.MediaType.JSON);
    }

    private String text() {
        return (String) console().call(DevConsole.MediaType.TEXT);
    }

    private DevConsole console() {
        return DevConsoleRegistry.get(context).resolveById("mconnect-events");
    }

    private static JsonObject consumer(JsonObject console, String routeId) {
        List<JsonObject> consumers = console.<JsonArray>getCollection("consumers").stream()
                .map(JsonObject.class::cast).filter(consumer -> routeId.equals(consumer.getString("routeId"))).toList();
        assertThat(consumers).as("the consumer of route %s", routeId).hasSize(1);
        return consumers.get(0);
    }

    private static JsonArray sessions(JsonObject consumer) {
        return consumer.getCollection("sessions");
    }

    private static JsonObject first(JsonArray array) {
        return (JsonObject) array.get(0);
    }

    /** A port nothing listens on: opened, then closed again. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
