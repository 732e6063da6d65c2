package org.mconnectevents.camel.jpa.tracing;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.mconnectevents.camel.jpa.outbox.Outbox;
import org.mconnectevents.camel.jpa.outbox.OutboxEvent;
import org.mconnectevents.camel.jpa.outbox.OutboxRelayRoutes;
import org.mconnectevents.camel.jpa.outbox.PlacedOrder;
import org.mconnectevents.camel.jpa.schema.SqlScripts;
import org.mconnectevents.camel.jpa.support.TestDatabase;
import org.mconnectevents.camel.jpa.support.TransactedDatabase;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.mconnectevents.camel.support.OrderEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * One trace follows a business request across the bus, with Camel's OpenTelemetry tracing (camel-opentelemetry2) and
 * the OpenTelemetry SDK recording every span: the route that places an order writes it and its event in one
 * transaction (the outbox), the relay sends the event later, and the consuming route, in what would be another
 * application, and the steps after it continue the trace of the request that placed the order.
 */
class TracesAcrossTheBusTest extends EmulatorRouteTestSupport {

    private static final AttributeKey<String> URI = AttributeKey.stringKey("camel.uri");
    private static final AttributeKey<String> OP = AttributeKey.stringKey("op");

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private TransactedDatabase database;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        database = TransactedDatabase.open(context, TestDatabase.Kind.H2, List.of(SqlScripts.Tables.OUTBOX.script("H2"),
                "org/mconnectevents/camel/jpa/tracing/placed-order.sql"), OutboxEvent.class, PlacedOrder.class);
        // as an application with the OpenTelemetry SDK sets up Camel's tracing; the relay's timer ticks are left out
        context.getRegistry().bind("tracer", openTelemetry.getTracer("traces-across-the-bus"));
        context.getRegistry().bind("propagators", openTelemetry.getPropagators());
        OpenTelemetryTracer tracer = new OpenTelemetryTracer();
        tracer.setExcludePatterns("timer:*");
        tracer.init(context);
        return context;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new OutboxRelayRoutes(), new RouteBuilder() {
            @Override
            public void configure() {
                // the producing application: an order and its event in one transaction, or an event sent at once
                from("direct:place-order").routeId("place-order").transacted("PROPAGATION_REQUIRED")
                        .process(exchange -> exchange.getMessage().setBody(new PlacedOrder(exchange.getMessage().getHeader("order", String.class))))
                        .to("jpa:" + PlacedOrder.class.getName() + "?sharedEntityManager=true")
                        .setBody(simple("{\"order\":\"${header.order}\"}"))
                        .setHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE, constant(SOURCE))
                        .setHeader(MConnectEventsConstants.CLOUD_EVENT_TYPE, constant(ORDER_CREATED))
                        .setHeader(MConnectEventsConstants.PARTITION_KEY, constant("customer:7"))
                        .process(Outbox.append(database.factory()));
                templatedRoute(OutboxRelayRoutes.TEMPLATE).routeId("outbox-relay").parameter("pollInterval", "20");

                from("direct:announce").routeId("announce")
                        .setHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE, constant(SOURCE))
                        .setHeader(MConnectEventsConstants.CLOUD_EVENT_TYPE, constant(ORDER_CREATED))
                        .to("mconnect-events:events");

                // the consuming application: its route and the step it calls
                from("mconnect-events:events?group=traced").routeId("consume-order").to("direct:record-order");
                from("direct:record-order").routeId("record-order").log("recorded ${header.CamelCloudEventID}");
            }
        }};
    }

    @Test
    void aRouteThatProducesAndTheRouteThatConsumesAreOneTrace() {
        template.sendBodyAndHeader("direct:announce", "{\"order\":\"o-1\"}", "order", "o-1");

        SpanData consumed = one(received("mconnect-events://events?group=traced"));
        SpanData produced = one(sent("mconnect-events://events"));
        SpanData announced = one(received("direct://announce"));
        assertThat(consumed.getTraceId()).isEqualTo(announced.getTraceId());
        assertThat(consumed.getParentSpanId()).as("the consumer's span is a child of the producer's send").isEqualTo(produced.getSpanId());
        assertThat(one(received("direct://record-order")).getTraceId()).isEqualTo(announced.getTraceId());
    }

    @Test
    void theTraceOfTheRequestThatPlacedTheOrderGoesThroughTheOutboxAndTheRelayToTheConsumer() {
        template.sendBodyAndHeader("direct:place-order", null, "order", "o-2");

        String request = one(received("direct://place-order")).getTraceId();
        SpanData consumed = one(received("mconnect-events://events?group=traced"));
        SpanData relayed = one(sent("mconnect-events://events"));
        assertThat(consumed.getTraceId()).isEqualTo(request);
        assertThat(relayed.getTraceId()).as("the relay's send of the one event").isEqualTo(request);
        assertThat(one(received("direct://record-order")).getTraceId()).isEqualTo(request);
        assertThat(spanIds(span -> span.getTraceId().equals(request) && !span.equals(relayed)))
                .as("the consumer continues the span that wrote the row, not the relay's send").contains(consumed.getParentSpanId());
    }

    @Test
    void aBatchOfEventsOfTwoRequestsIsSentInTheRelaysOwnTraceAndEachConsumerContinuesItsRequest() throws Exception {
        context.getRouteController().stopRoute("outbox-relay");
        template.sendBodyAndHeader("direct:place-order", null, "order", "o-3");
        template.sendBodyAndHeader("direct:place-order", null, "order", "o-4");
        context.getRouteController().startRoute("outbox-relay");

        within(60).untilAsserted(() -> assertThat(all(received("mconnect-events://events?group=traced"))).hasSize(2));
        Set<String> requests = traceIds(received("direct://place-order"));
        assertThat(requests).hasSize(2);
        assertThat(traceIds(received("mconnect-events://events?group=traced"))).isEqualTo(requests);
        SpanData relayed = one(sent("mconnect-events://events"));
        assertThat(requests).as("one send of both events").doesNotContain(relayed.getTraceId());
    }

    @Test
    void codeThatWritesTheRowItselfGivesTheEventTheTraceContextOfItsSpanAsTheDocumentationShows() {
        Span request = openTelemetry.getTracer("registration-service").spanBuilder("register citizen").startSpan();
        Scope inRequest = request.makeCurrent();
        try (EntityManager entityManager = database.factory().createEntityManager()) {
            entityManager.getTransaction().begin();
            CloudEvent event = OrderEvents.order("o-5", "customer:7");
            CloudEventBuilder builder = CloudEventBuilder.v1(event);
            openTelemetry.getPropagators().getTextMapPropagator()
                    .inject(Context.current(), builder, (carrier, name, value) -> carrier.withExtension(name, value));
            entityManager.persist(Outbox.row(builder.build()));
            entityManager.getTransaction().commit();
        } finally {
            inRequest.close();
            request.end();
        }

        SpanData consumed = one(received("mconnect-events://events?group=traced"));
        assertThat(consumed.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
        assertThat(consumed.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
    }

    @AfterEach
    void closeDatabase() {
        context.stop();
        database.close();
        openTelemetry.close();
    }

    private static Predicate<SpanData> received(String uri) {
        return span -> "EVENT_RECEIVED".equals(span.getAttributes().get(OP)) && uri.equals(span.getAttributes().get(URI));
    }

    private static Predicate<SpanData> sent(String uri) {
        return span -> "EVENT_SENT".equals(span.getAttributes().get(OP)) && uri.equals(span.getAttributes().get(URI));
    }

    private List<SpanData> all(Predicate<SpanData> which) {
        return spans.getFinishedSpanItems().stream().filter(which).toList();
    }

    /** The one span of that kind, once it ended (a send may end after the consumer's span: the service stores first). */
    private SpanData one(Predicate<SpanData> which) {
        within(60).untilAsserted(() -> assertThat(all(which)).hasSize(1));
        return all(which).get(0);
    }

    private Set<String> traceIds(Predicate<SpanData> which) {
        return all(which).stream().map(SpanData::getTraceId).collect(Collectors.toSet());
    }

    private Set<String> spanIds(Predicate<SpanData> which) {
        return all(which).stream().map(SpanData::getSpanId).collect(Collectors.toSet());
    }
}
