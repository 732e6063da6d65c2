package org.mconnectevents.camel;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.builder.RouteBuilder;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.LogCapture;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.camel.support.RegistryConsumption;

import java.net.SocketTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * {@code errorHandler(deadLetterChannel("mconnect-events:dead"))} is safe as the one line an integrator writes: a
 * structural failure is reported dead on the session the event came from, over either transport, with its reason
 * in the {@code deadreason} attribute (unless disabled), and then confirmed; a technical failure is refused, so the
 * event stays unconfirmed and comes again; an exchange that no mconnect-events consumer received is refused with a
 * message that says so.
 */
class DeadLetterTest extends EmulatorRouteTestSupport {

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = { "websocket", "longpolling" })
    void structuralFailuresAreReportedDeadWithTheirReasonConfirmedAndReachTheDeadConsumer(String transport) throws Exception {
        Set<String> processed = ConcurrentHashMap.newKeySet();
        List<CloudEvent> deadReceived = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mconnect-events:dead"));
                from("mconnect-events:events?group=orders&transport=" + transport)
                        .process(exchange -> {
                            String id = exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class);
                            if (id.equals("order-3") || id.equals("order-7")) {
                                throw new IllegalArgumentException("order " + id + " names no customer");
                            }
                            processed.add(id);
                        });
                from("mconnect-events:dead?bodyType=cloudevent&transport=" + transport)
                        .process(exchange -> deadReceived.add(exchange.getMessage().getBody(CloudEvent.class)));
            }
        });
        List<CloudEvent> orders = OrderEvents.orders("order-", 10, n -> "customer:" + n);

        OrderEvents.produce(template, orders);

        within(20).untilAsserted(() -> assertThat(deadReceived).hasSize(2));
        within(10).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "orders"))
                .isEqualTo(new RegistryConsumption.Group(0, 0, 10, 1)));
        assertThat(processed).containsExactlyInAnyOrder("order-0", "order-1", "order-2", "order-4", "order-5", "order-6",
                "order-8", "order-9");
        List<JsonNode> reported = new ArrayList<>();
        emulator.deadEvents(EmulatorClients.REGISTRY).forEach(reported::add);
        assertThat(reported).extracting(event -> event.path("id").asText()).containsExactlyInAnyOrder("order-3", "order-7");
        for (JsonNode dead : reported) {
            String id = dead.path("id").asText();
            CloudEvent original = orders.stream().filter(order -> order.getId().equals(id)).findFirst().orElseThrow();
            assertThat(dead.path("source").asText()).isEqualTo(original.getSource().toString());
            assertThat(dead.path("type").asText()).isEqualTo(original.getType());
            assertThat(dead.path("partitionkey").asText()).isEqualTo(original.getExtension("partitionkey"));
            assertThat(dead.path("data").toString()).isEqualTo("{\"order\":\"" + id + "\"}");
            assertThat(dead.path("deadreason").asText())
                    .isEqualTo("java.lang.IllegalArgumentException: order " + id + " names no customer");
        }
        assertThat(deadReceived).extracting(CloudEvent::getId).containsExactlyInAnyOrder("order-3", "order-7");
        assertThat(deadReceived).allSatisfy(dead -> assertThat(dead.getExtension(MConnectEventsConstants.DEAD_REASON_ATTRIBUTE))
                .asString().startsWith("java.lang.IllegalArgumentException: order " + dead.getId()));
        within(10).untilAsserted(() -> assertThat(RegistryConsumption.dead(emulator).path("confirmed").asLong())
                .as("the dead consumer confirmed what it received").isEqualTo(2));
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = { "websocket", "longpolling" })
    void aReasonAndAttributesInAnyLanguageWithPercentSignsAndLineBreaksReachTheServiceIntact(String transport)
            throws Exception {
        String reason = "Comanda clientului Ștefan Țurcanu: reducerea de 50% depășește limita\n(regula 7)";
        List<String> attempts = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mconnect-events:dead"));
                from("mconnect-events:events?group=reasons&reconnectDelay=20&transport=" + transport)
                        .process(exchange -> {
                            attempts.add(exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class));
                            throw new IllegalArgumentException(reason);
                        });
            }
        });
        CloudEvent order = CloudEventBuilder.v1(OrderEvents.order("order-1", "client:Ștefan")).withSubject("comenzi/50%/Țurcanu").build();

        OrderEvents.produce(template, List.of(order));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "reasons").confirmed()).isEqualTo(1));
        assertThat(attempts).containsExactly("order-1");
        assertThat(emulator.deadEvents(EmulatorClients.REGISTRY)).singleElement().satisfies(dead -> {
            assertThat(dead.path("deadreason").asText()).isEqualTo("java.lang.IllegalArgumentException: " + reason);
            assertThat(dead.path("subject").asText()).isEqualTo("comenzi/50%/Țurcanu");
            assertThat(dead.path("partitionkey").asText()).isEqualTo("client:Ștefan");
        });
    }

    @Test
    void aTechnicalFailureIsNotReportedDeadAndTheEventComesAgainUntilItIsProcessed() throws Exception {
        List<String> attempts = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mconnect-events:dead"));
                from("mconnect-events:events?group=refused&reconnectDelay=10")
                        .process(exchange -> {
                            attempts.add(exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class));
                            if (attempts.size() <= 2) {
                                throw new SQLTransientConnectionException("no connection to the orders database within 30 s");
                            }
                        });
            }
        });

        OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "refused").confirmed()).isEqualTo(1));
        assertThat(attempts).containsExactly("order-1", "order-1", "order-1");
        assertThat(emulator.deadEvents(EmulatorClients.REGISTRY)).isEmpty();
        assertThat(RegistryConsumption.dead(emulator).path("reported").asLong()).isZero();
    }

    @Test
    void aRefusedTechnicalFailureIsLoggedAsOneWarningNamingTheEventAndTheReasonWithoutStackTraces() throws Exception {
        List<String> attempts = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mconnect-events:dead"));
                from("mconnect-events:events?group=quiet&reconnectDelay=10")
                        .process(exchange -> {
                            attempts.add(idOf(exchange));
                            if (attempts.size() == 1) {
                                throw new SQLTransientConnectionException("no connection to the orders database within 30 s");
                            }
                        });
            }
        });

        try (LogCapture log = LogCapture.everything()) {
            OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));

            within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "quiet").confirmed()).isEqualTo(1));
            assertThat(attempts).containsExactly("order-1", "order-1");
            assertThat(log.warningsOrWorse()).singleElement().asString()
                    .contains("source=" + EmulatorClients.SOURCE, "id=order-1", "offset ")
                    .contains("java.sql.SQLTransientConnectionException");
            assertThat(log.stackTraces()).isZero();
        }
        assertThat(RegistryConsumption.dead(emulator).path("reported").asLong()).isZero();
    }

    @Test
    void aTechnicalCauseDeepInTheChainIsFoundAndTheListOfTechnicalExceptionsIsConfigurable() throws Exception {
        List<String> attempts = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mconnect-events:dead?technicalExceptions=" + OrdersLockedException.class.getName()));
                from("mconnect-events:events?group=configured&reconnectDelay=10")
                        .process(exchange -> {
                            attempts.add(exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class));
                            if (attempts.size() == 1) {
                                throw new RuntimeCamelException("saving the order failed", new OrdersLockedException());
                            }
                            if (attempts.size() == 2) {
                                // not on the configured list, which replaces the defaults: reported dead
                                throw new RuntimeCamelException("calling the customer registry failed",
                                        new SocketTimeoutException("read timed out"));
                            }
                        });
            }
        });

        OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "configured").confirmed()).isEqualTo(1));
        assertThat(attempts).containsExactly("order-1", "order-1");
        assertThat(emulator.deadEvents(EmulatorClients.REGISTRY)).singleElement()
                .satisfies(dead -> assertThat(dead.path("deadreason").asText())
                        .isEqualTo("org.apache.camel.RuntimeCamelException: calling the customer registry failed"));
    }

    @Test
    void withIncludeDeadReasonFalseTheOriginalEventIsReportedUnchanged() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mconnect-events:dead?includeDeadReason=false"));
                from("mconnect-events:events?group=no-reason")
                        .throwException(new IllegalArgumentException("order names no customer"));
            }
        });

        OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "no-reason").confirmed()).isEqualTo(1));
        assertThat(emulator.deadEvents(EmulatorClients.REGISTRY)).singleElement().satisfies(dead -> {
            assertThat(dead.path("id").asText()).isEqualTo("order-1");
            assertThat(dead.has("deadreason")).isFalse();
        });
    }

    @Test
    void reportingAnExchangeThatNoConsumerReceivedFailsWithAMessageThatSaysSo() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:orders").to("mconnect-events:dead");
            }
        });

        Exchange result = template.send("direct:orders", exchange -> exchange.getMessage().setBody("{\"order\":1}"));

        assertThat(result.getException()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mconnect-events:dead reports the event an mconnect-events consumer received")
                .hasMessageContaining("it came from direct://orders")
                .hasMessageContaining("To produce an event use mconnect-events:events");
        assertThat(RegistryConsumption.dead(emulator).path("reported").asLong()).isZero();
    }

    /** A failure the integrator declares technical: a lock the database did not grant in time. */
    static final class OrdersLockedException extends RuntimeException {
        OrdersLockedException() {
            super("the order row is locked by another transaction");
        }
    }
}
