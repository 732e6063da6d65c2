package org.mconnectevents.camel;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.ManagementStrategy;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;
import org.mconnectevents.client.MConnectEventsRejectedException;
import org.mconnectevents.client.MConnectEventsUnavailableException;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.emulator.config.Faults;

import javax.management.ObjectName;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_ID;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_SOURCE;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_TIME;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_TYPE;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.PERSON_REGISTERED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;
import static org.mconnectevents.camel.support.OrderEvents.orderCreated;

/**
 * How the producer reports what the service refused or could not do. A refusal (401 not authorized, 422 data
 * not matching the type's schema) is a {@link MConnectEventsRejectedException} carrying the status and the
 * server's text, not retryable; a server fault (500), a closed port or no answer in time is a
 * {@link MConnectEventsUnavailableException}, retryable. When Camel's error handler retries, a generated id is
 * kept, so every stored copy carries the same id. The endpoint's MBean counts what was produced and refused.
 */
class ProducerErrorsTest extends EmulatorRouteTestSupport {

    private static final String PRODUCE_ORDERS = "mconnect-events:events?source=" + SOURCE + "&type=" + ORDER_CREATED;

    @Override
    public void configureTest(TestExecutionConfiguration testConfiguration) {
        super.configureTest(testConfiguration);
        testConfiguration.withEnableJMX();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=errors").routeId("consumer").to("mock:consumed");

                from("direct:produce").routeId("produce").to(PRODUCE_ORDERS);

                from("direct:produce-with-redelivery").routeId("produce-with-redelivery")
                        .errorHandler(defaultErrorHandler().maximumRedeliveries(3).redeliveryDelay(10)
                                .onRedelivery(exchange -> {
                                    // the service recovers before the second redelivery
                                    if (exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class) == 2) {
                                        EMULATOR.emulator().clearFaults();
                                    }
                                }))
                        .to(PRODUCE_ORDERS);
            }
        };
    }

    @Test
    void aClientNotAllowedToProduceIsRefusedWith401AndTheServersText() {
        String asReader = PRODUCE_ORDERS + "&keyStore=" + EMULATOR.emulator().clientKeyStore("reader");

        Exchange sent = produce(asReader, "{\"order\":1}", Map.of(CLOUD_EVENT_ID, "by-reader"));

        assertRejected(sent, 401, "client reader is not allowed to produce type " + ORDER_CREATED,
                "event (source=" + SOURCE + ", id=by-reader)");
    }

    @Test
    void aSourceTheClientMayNotUseIsRefusedWith401AndTheServersText() {
        Exchange sent = produce("mconnect-events:events", "{\"order\":1}", Map.of(CLOUD_EVENT_ID, "foreign-source",
                CLOUD_EVENT_SOURCE, "urn:test:elsewhere", CLOUD_EVENT_TYPE, ORDER_CREATED));

        assertRejected(sent, 401, "client registry is not allowed to use source urn:test:elsewhere for type " + ORDER_CREATED,
                "event (source=urn:test:elsewhere, id=foreign-source)");
    }

    @Test
    void aBatchWithOneEventNotAllowedIsRefusedWhole() {
        CloudEvent foreign = CloudEventBuilder.v1(orderCreated("foreign-1", "k", "{}"))
                .withSource(URI.create("urn:test:elsewhere")).build();

        Exchange sent = produce("mconnect-events:events", List.of(orderCreated("allowed-0", "k", "{}"), foreign), Map.of());

        assertRejected(sent, 401, "event 1 of the batch",
                "a batch of 2 events (first event (source=" + SOURCE + ", id=allowed-0))");
    }

    @Test
    void dataNotMatchingTheTypesSchemaIsRefusedWith422AndTheServersText() {
        Exchange sent = produce("mconnect-events:events", "{\"name\":\"Ion Popescu\"}", Map.of(CLOUD_EVENT_ID, "no-idnp",
                CLOUD_EVENT_SOURCE, SOURCE, CLOUD_EVENT_TYPE, PERSON_REGISTERED));

        assertRejected(sent, 422, "idnp", "event (source=" + SOURCE + ", id=no-idnp)");
    }

    @Test
    void aServerFaultIsUnavailableAndRetryable() {
        EMULATOR.emulator().setFaults(Faults.builder().produceFailRate(1.0).build());

        Exchange sent = produce(PRODUCE_ORDERS, "{\"order\":1}", Map.of(CLOUD_EVENT_ID, "server-fault"));

        assertUnavailable(sent, 500, "event (source=" + SOURCE + ", id=server-fault)",
                "answered 500): injected fault: the events were not stored; retry");
        assertThat(EMULATOR.emulator().state().get("produced").asLong()).isZero();
    }

    @Test
    void aClosedPortIsUnavailableAndRetryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Exchange sent = produce(PRODUCE_ORDERS + "&baseAddress=https://127.0.0.1:" + closedPort + "/", "{\"order\":1}",
                Map.of(CLOUD_EVENT_ID, "nobody-listens"));

        assertUnavailable(sent, 0, "did not answer POST /ce/produce/event for event (source=" + SOURCE + ", id=nobody-listens)",
                "Connection refused");
    }

    @Test
    void noAnswerWithinTheRequestTimeoutIsUnavailableAndRetryable() {
        EMULATOR.emulator().setFaults(Faults.builder().responseDelay(Duration.ofSeconds(3)).build());

        Exchange sent = produce(PRODUCE_ORDERS + "&requestTimeout=300", "{\"order\":1}", Map.of(CLOUD_EVENT_ID, "slow"));

        assertUnavailable(sent, 0, "did not answer POST /ce/produce/event for event (source=" + SOURCE + ", id=slow)",
                "The timeout period of 300ms has been exceeded");
    }

    @Test
    void aGeneratedIdIsKeptSoEveryRedeliveredCopyCarriesTheSameId() {
        EMULATOR.emulator().setFaults(Faults.builder().produceStoreThenFailRate(1.0).build());

        Exchange sent = template.send("direct:produce-with-redelivery", exchange -> exchange.getMessage().setBody("{\"order\":1}"));

        assertThat(sent.getException()).isNull();
        assertThat(sent.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class)).isEqualTo(2);
        assertThat(sent.getMessage().getHeader(CLOUD_EVENT_ID)).as("forgotten once produced").isNull();
        assertThat(EMULATOR.emulator().state().get("produced").asLong()).isEqualTo(3);
        MockEndpoint consumed = getMockEndpoint("mock:consumed");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(consumed.getReceivedCounter()).isEqualTo(3));
        List<Object> ids = consumed.getReceivedExchanges().stream().map(e -> e.getMessage().getHeader(CLOUD_EVENT_ID)).toList();
        assertThat(ids.get(0)).asString().isNotBlank();
        assertThat(ids).containsOnly(ids.get(0));
    }

    @Test
    void anExchangeThatProducesTwoEventsGivesEachAnIdOfItsOwn() {
        Exchange sent = template.send("direct:produce", exchange -> exchange.getMessage().setBody("{\"order\":1}"));
        assertThat(sent.getException()).isNull();
        sent.getMessage().setBody("{\"order\":2}");
        template.send("direct:produce", sent);
        assertThat(sent.getException()).isNull();

        MockEndpoint consumed = getMockEndpoint("mock:consumed");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(consumed.getReceivedCounter()).isEqualTo(2));
        assertThat(consumed.getReceivedExchanges()).extracting(e -> e.getMessage().getHeader(CLOUD_EVENT_ID)).doesNotHaveDuplicates();
    }

    @Test
    void theEndpointMBeanCountsProducedAndRejectedEvents() throws Exception {
        assertThat(produce("direct:produce", "{\"order\":1}", Map.of()).getException()).isNull();
        assertThat(produce("direct:produce", List.of(orderCreated("a", "k", "{}"), orderCreated("b", "k", "{}"),
                orderCreated("c", "k", "{}")), Map.of()).getException()).isNull();
        assertThat(produce("direct:produce", "{\"order\":2}", Map.of(CLOUD_EVENT_TIME, OffsetDateTime.now().plusDays(1)))
                .getException()).isInstanceOf(MConnectEventsRejectedException.class);
        assertThat(produce("direct:produce", List.of(orderCreated("d", "k", "{}"), "not an event"), Map.of())
                .getException()).isInstanceOf(MConnectEventsRejectedException.class);
        assertThat(produce("direct:produce", "{\"name\":\"Ion\"}", Map.of(CLOUD_EVENT_TYPE, PERSON_REGISTERED))
                .getException()).isInstanceOf(MConnectEventsRejectedException.class);
        EMULATOR.emulator().setFaults(Faults.builder().produceFailRate(1.0).build());
        assertThat(produce("direct:produce", "{\"order\":3}", Map.of()).getException())
                .isInstanceOf(MConnectEventsUnavailableException.class);

        assertThat(endpointAttribute(PRODUCE_ORDERS, "ProducedCount")).isEqualTo(4L);
        // one refused before sending, a batch of two refused before sending, one refused by the service (422);
        // the server fault is neither produced nor rejected
        assertThat(endpointAttribute(PRODUCE_ORDERS, "RejectedCount")).isEqualTo(4L);
    }

    private Exchange produce(String uri, Object body, Map<String, Object> headers) {
        return template.send(uri, exchange -> {
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeaders(new LinkedHashMap<>(headers));
        });
    }

    private Object endpointAttribute(String uri, String attribute) throws Exception {
        ManagementStrategy management = context.getManagementStrategy();
        ObjectName name = management.getManagementObjectNameStrategy().getObjectNameForEndpoint(context.getEndpoint(uri));
        return management.getManagementAgent().getMBeanServer().getAttribute(name, attribute);
    }

    private static void assertRejected(Exchange sent, int status, String serverTextPart, String event) {
        assertThat(sent.getException()).isInstanceOfSatisfying(MConnectEventsRejectedException.class, refused -> {
            assertThat(refused.getStatus()).isEqualTo(status);
            assertThat(refused.getServerText()).contains(serverTextPart);
            assertThat(refused.isRetryable()).isFalse();
            assertThat(refused.getMessage()).startsWith("MConnect Events refused " + event).contains("answered " + status);
            if (status == 400 || status == 422) {
                // what the service says of the event's data may quote it: the program reads it, the message does not
                assertThat(refused.getMessage()).doesNotContain(refused.getServerText()).contains("getServerText()");
            } else {
                assertThat(refused.getMessage()).endsWith(refused.getServerText());
            }
        });
        assertThat(EMULATOR.emulator().state().get("produced").asLong()).isZero();
    }

    private static void assertUnavailable(Exchange sent, int status, String... messageParts) {
        assertThat(sent.getException()).isInstanceOfSatisfying(MConnectEventsUnavailableException.class, unavailable -> {
            assertThat(unavailable.getStatus()).isEqualTo(status);
            assertThat(unavailable.isRetryable()).isTrue();
            assertThat(unavailable.getMessage()).contains(messageParts)
                    .endsWith("The request may or may not have been stored; retrying it is safe.");
        });
    }
}
