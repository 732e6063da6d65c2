package org.mconnectevents.benchmarks;

import io.vertx.core.Vertx;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.mconnectevents.camel.MConnectEventsComponent;
import org.mconnectevents.camel.MConnectEventsConfiguration;
import org.mconnectevents.emulator.Emulator;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The component as an integrator uses it: a route that sends what it is given to {@code mconnect-events:events},
 * and a route that consumes over WebSocket with automatic confirmation on one lane (parallelism=1). It shares the
 * raw client's Vert.x, as it would share a Quarkus application's.
 */
final class ComponentClient {

    private static final String PRODUCE = "direct:mconnect-events";
    private static final String CONSUME = "mconnect-events-consume";
    /** The linger times (ms) of the coalescing routes. */
    static final int[] LINGER_TIMES = {1, 5};

    private final CamelContext camel;
    private final ProducerTemplate template;
    private final Endpoint produce;
    private final AsyncProducer producer;
    private final java.util.Map<Integer, Endpoint> lingeringRoutes = new java.util.HashMap<>();
    private volatile Consumption consumption;

    ComponentClient(CamelContext camel, Vertx vertx, Emulator emulator) throws Exception {
        this.camel = camel;
        MConnectEventsComponent component = camel.getComponent("mconnect-events", MConnectEventsComponent.class);
        component.setVertx(vertx);
        MConnectEventsConfiguration configuration = component.getConfiguration();
        configuration.setBaseAddress(emulator.baseAddress().toString());
        configuration.setKeyStore(emulator.clientKeyStore(Benchmarks.PRODUCER).toString());
        configuration.setKeyStorePassword(emulator.keyStorePassword());
        configuration.setTrustStore(emulator.trustedCertificate().toString());
        String consumerKeyStore = emulator.clientKeyStore(Benchmarks.CONSUMER).toString();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(PRODUCE).routeId("mconnect-events-produce").to("mconnect-events:events");
                for (int linger : LINGER_TIMES) {
                    from(PRODUCE + "-linger-" + linger).routeId("mconnect-events-produce-linger-" + linger)
                            .to("mconnect-events:events?lingerTime=" + linger);
                }
                from("mconnect-events:events?parallelism=1&keyStore=" + consumerKeyStore)
                        .routeId(CONSUME).autoStartup(false)
                        .process(exchange -> consumption.received(exchange));
            }
        });
        this.template = camel.createProducerTemplate();
        this.produce = camel.getEndpoint(PRODUCE);
        this.producer = produce.createAsyncProducer();
        for (int linger : LINGER_TIMES) {
            lingeringRoutes.put(linger, camel.getEndpoint(PRODUCE + "-linger-" + linger));
        }
        camel.addService(producer, true, true);
    }

    /**
     * Sends one body through the producing route on the calling thread, as a route whose consumer runs on a Vert.x
     * event loop does (platform-http on Camel Quarkus, for one): the InFlight driver calls this from the event loop
     * that delivered the previous answer, as it calls the raw client.
     */
    CompletionStage<Exchange> produceOnThisThread(Object body) {
        Exchange exchange = produce.createExchange();
        exchange.getMessage().setBody(body);
        CompletableFuture<Exchange> sent = new CompletableFuture<>();
        producer.process(exchange, doneSync -> sent.complete(exchange));
        return sent.thenApply(ComponentClient::succeeded);
    }

    /** Sends one body (a CloudEvent, or a list of them as one batch) through the producing route. */
    CompletionStage<Exchange> produce(Object body) {
        Exchange exchange = produce.createExchange();
        exchange.getMessage().setBody(body);
        return template.asyncSend(produce, exchange).thenApply(ComponentClient::succeeded);
    }

    /** Sends one event through the route whose producer coalesces with this linger time (ms). */
    CompletionStage<Exchange> produceLingering(int lingerTime, Object body) {
        Endpoint lingering = lingeringRoutes.get(lingerTime);
        Exchange exchange = lingering.createExchange();
        exchange.getMessage().setBody(body);
        return template.asyncSend(lingering, exchange).thenApply(ComponentClient::succeeded);
    }

    /**
     * Starts the consuming route, waits for {@code events} events and stops it, answering the time from the first
     * event to the last. The route confirms as it goes; the caller checks what the service saw.
     */
    Timing consume(int events, Confirmed confirmed) throws Exception {
        Consumption current = new Consumption(events);
        consumption = current;
        camel.getRouteController().startRoute(CONSUME);
        try {
            Timing timing = current.done.get(5, TimeUnit.MINUTES);
            confirmed.await();
            return timing;
        } finally {
            camel.getRouteController().stopRoute(CONSUME);
        }
    }

    /** Waits until the service saw the confirmation of every event consumed. */
    interface Confirmed {
        void await() throws Exception;
    }

    private static Exchange succeeded(Exchange exchange) {
        if (exchange.getException() != null) {
            throw new CompletionException(exchange.getException());
        }
        return exchange;
    }

    /** One consuming run: counts the exchanges on the route's lane. */
    private static final class Consumption {
        private final int events;
        private final Timing.Recorder timing;
        private final CompletableFuture<Timing> done = new CompletableFuture<>();

        Consumption(int events) {
            this.events = events;
            this.timing = new Timing.Recorder(events);
        }

        void received(Exchange exchange) {
            if (timing.received() == events) {
                done.complete(timing.finished());
            }
        }
    }
}
