package org.mconnectevents.camel;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.mconnectevents.camel.support.LogCapture;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.camel.support.RegistryConsumption;
import org.mconnectevents.emulator.config.PoisonKind;
import org.mconnectevents.emulator.event.Injection;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.Waiting.throughout;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * A poison event never stalls a consumer: an event the client cannot read still has an offset, reaches the route as
 * an exchange that starts failed with {@link MConnectEventsDecodeException}, is reported dead by the documented
 * dead letter channel, and the events after it on the same partition key are all processed, in order, in the same
 * session. A message without even an offset is skipped, and the next cumulative confirmation covers it.
 */
class PoisonEventTest extends EmulatorRouteTestSupport {

    private static final String KEY = "customer:7";

    static Stream<Arguments> poisonOnEachTransport() {
        return Stream.of("websocket", "longpolling").flatMap(transport -> Stream.of(PoisonKind.MISSING_ID,
                PoisonKind.MISSING_TYPE, PoisonKind.OVER_SIZE_LIMIT).map(kind -> Arguments.of(transport, kind)));
    }

    static Stream<Arguments> withoutOffsetOnEachTransport() {
        return Stream.of("websocket", "longpolling").flatMap(transport -> Stream.of(PoisonKind.WITHOUT_OFFSET, PoisonKind.NOT_JSON)
                .map(kind -> Arguments.of(transport, kind)));
    }

    @ParameterizedTest(name = "{1} over {0}")
    @MethodSource("poisonOnEachTransport")
    void aPoisonEventIsReportedDeadAndTheEventsAfterItOnItsKeyAreProcessedInTheSameSession(String transport, PoisonKind kind)
            throws Exception {
        List<String> processed = new CopyOnWriteArrayList<>();
        consumeWithDeadLetters("mconnect-events:events?group=poison&confirmInterval=20&transport=" + transport, processed);

        OrderEvents.produce(template, OrderEvents.orders("before-", 3, n -> KEY));
        emulator.inject(EmulatorClients.REGISTRY, Injection.poison(kind, "urn:test:poison", "Test.Poison.Event.Sent", "poison-1")
                .partitionKey(KEY));
        OrderEvents.produce(template, OrderEvents.orders("after-", 3, n -> KEY));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "poison"))
                .isEqualTo(new RegistryConsumption.Group(0, 0, 7, 1)));
        assertThat(processed).containsExactly("before-0", "before-1", "before-2", "after-0", "after-1", "after-2");
        assertThat(emulator.deadEvents(EmulatorClients.REGISTRY)).singleElement().satisfies(dead -> assertThat(
                dead.path(MConnectEventsConstants.DEAD_REASON_ATTRIBUTE).asText())
                .startsWith(MConnectEventsDecodeException.class.getName() + ": Cannot read event (")
                .contains("offset"));
        assertThat(endpoint().getReconnectCount()).as("the session stayed open").isZero();
    }

    /**
     * A message without a readable offset (no offset member, or not JSON at all) is skipped. Over long polling, a
     * message that is not JSON breaks the whole batch it came in, which can then be neither tracked nor skipped: that
     * session ends, and the next one takes the events one at a time, skipping only that message.
     */
    @ParameterizedTest(name = "{1} over {0}")
    @MethodSource("withoutOffsetOnEachTransport")
    void aMessageWithoutAReadableOffsetIsSkippedAndTheNextConfirmationCoversIt(String transport, PoisonKind kind) throws Exception {
        List<String> processed = new CopyOnWriteArrayList<>();
        try (LogCapture log = LogCapture.of(SessionRunner.class)) {
            consumeWithDeadLetters("mconnect-events:events?group=no-offset&confirmInterval=20&reconnectDelay=50&transport="
                    + transport, processed);

            OrderEvents.produce(template, OrderEvents.orders("before-", 2, n -> KEY));
            emulator.inject(EmulatorClients.REGISTRY, Injection.poison(kind, null, null, "no-offset-1").partitionKey(KEY));
            OrderEvents.produce(template, OrderEvents.orders("after-", 2, n -> KEY));

            within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "no-offset"))
                    .isEqualTo(new RegistryConsumption.Group(0, 0, 5, 1)));
            boolean batchBroken = transport.equals("longpolling") && kind == PoisonKind.NOT_JSON;
            // a session that ends may deliver again what it had not confirmed yet (at least once), never out of order
            assertThat(new LinkedHashSet<>(processed)).containsExactly("before-0", "before-1", "after-0", "after-1");
            if (!batchBroken) {
                assertThat(processed).doesNotHaveDuplicates();
            }
            assertThat(emulator.deadEvents(EmulatorClients.REGISTRY)).isEmpty();
            assertThat(log.warnings()).anySatisfy(warning -> assertThat(warning).contains("skipped a message")
                    .contains("no readable offset").doesNotContain("poison frame"));
            assertThat(endpoint().getReconnectCount()).isEqualTo(batchBroken ? 1 : 0);
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = { "websocket", "longpolling" })
    void withoutAnErrorHandlerAPoisonEventStaysUnconfirmedLikeAnyFailure(String transport) throws Exception {
        List<String> processed = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=unhandled&confirmInterval=20&reconnectDelay=50&transport=" + transport)
                        .routeId("consumer")
                        .process(exchange -> processed.add(idOf(exchange)));
            }
        });

        OrderEvents.produce(template, OrderEvents.orders("before-", 2, n -> KEY));
        emulator.inject(EmulatorClients.REGISTRY, Injection.poison(PoisonKind.MISSING_TYPE, null, null, "poison-2")
                .partitionKey(KEY));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "unhandled").confirmed()).isEqualTo(2));
        within(20).until(() -> endpoint().getReconnectCount() >= 2);
        throughout(300).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "unhandled").confirmed()).isEqualTo(2));
        assertThat(processed).containsExactly("before-0", "before-1");
        assertThat(RegistryConsumption.dead(emulator).path("reported").asLong()).isZero();
    }

    /** The documented one-liner: the poison event never reaches the route's steps, the dead letter channel reports it. */
    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = { "websocket", "longpolling" })
    void anEventWhoseJsonDataIsNotOneJsonValueIsReportedDeadWithItsDataAsBytes(String transport) throws Exception {
        List<String> processed = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mconnect-events:dead"));
                from("mconnect-events:events?group=bad-json&confirmInterval=20&transport=" + transport).routeId("consumer")
                        .process(exchange -> {
                            if (idOf(exchange).equals("bad-json-1")) {
                                throw new IllegalArgumentException("the order is not one JSON object");
                            }
                            processed.add(idOf(exchange));
                        });
            }
        });
        String notOneValue = java.util.Base64.getEncoder().encodeToString("{\"a\":1},\"id\":\"x\"".getBytes(StandardCharsets.UTF_8));

        OrderEvents.produce(template, OrderEvents.orders("before-", 2, n -> KEY));
        emulator.inject(EmulatorClients.REGISTRY, Injection.frame("{\"specversion\":\"1.0\",\"id\":\"bad-json-1\","
                + "\"source\":\"urn:test:poison\",\"type\":\"Test.Poison.Event.Sent\",\"datacontenttype\":\"application/json\","
                + "\"partitionkey\":\"" + KEY + "\",\"data_base64\":\"" + notOneValue + "\"}").partitionKey(KEY));
        OrderEvents.produce(template, OrderEvents.orders("after-", 2, n -> KEY));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "bad-json"))
                .isEqualTo(new RegistryConsumption.Group(0, 0, 5, 1)));
        assertThat(processed).containsExactly("before-0", "before-1", "after-0", "after-1");
        assertThat(emulator.deadEvents(EmulatorClients.REGISTRY)).singleElement().satisfies(dead -> {
            assertThat(dead.path("id").asText()).isEqualTo("bad-json-1");
            assertThat(dead.path("datacontenttype").asText()).isEqualTo("application/octet-stream");
            assertThat(dead.path(MConnectEventsConstants.DEAD_CONTENT_TYPE_ATTRIBUTE).asText()).isEqualTo("application/json");
            assertThat(dead.path("data_base64").asText()).isEqualTo(notOneValue);
        });
    }

    private void consumeWithDeadLetters(String uri, List<String> processed) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mconnect-events:dead"));
                from(uri).routeId("consumer").process(exchange -> processed.add(idOf(exchange)));
            }
        });
    }

    private MConnectEventsEndpoint endpoint() {
        return (MConnectEventsEndpoint) context.getRoute("consumer").getEndpoint();
    }
}
