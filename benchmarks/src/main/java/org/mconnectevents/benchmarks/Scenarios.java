package org.mconnectevents.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import org.mconnectevents.emulator.Emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The measured scenarios: producing rows run for the same time, consuming rows over the same number of events.
 * Each starts from an emptied emulator and checks afterwards that the service stored (or saw confirmed) every
 * event, so that a fast but lossy run cannot pass for a result.
 */
final class Scenarios {

    /** Requests outstanding at any time, for every producing client alike. */
    static final int IN_FLIGHT = 4;
    /** Exchanges outstanding at any time in the rows of many callers sending one event each. */
    static final int CALLERS = 64;
    /** Exchanges outstanding in the row that shows how coalescing grows with the callers. */
    static final int MANY_CALLERS = 512;
    /** The rate of the latency rows. */
    static final int LATENCY_RATE = 100;

    /** A row of the table: what is measured, and with which client. */
    enum Row {
        BATCH_RAW("produce, batches of 100", "raw Vert.x client"),
        BATCH_COMPONENT("produce, batches of 100", "component, ProducerTemplate threads"),
        SINGLE_RAW("produce, one event per request", "raw Vert.x client"),
        SINGLE_COMPONENT("produce, one event per request", "component, ProducerTemplate threads"),
        SINGLE_ON_EVENT_LOOP("produce, one event per request", "component, route on the Vert.x event loop"),
        SINGLE_CAMEL_HTTP("produce, one event per request", "camel-http route, connections kept"),
        SINGLE_CAMEL_HTTP_DEFAULT("produce, one event per request", "camel-http route, out of the box"),
        CALLERS_64_OFF("one event per exchange, 64 callers", "component, coalescing off"),
        CALLERS_64_LINGER_1("one event per exchange, 64 callers", "component, lingerTime=1 ms"),
        CALLERS_64_LINGER_5("one event per exchange, 64 callers", "component, lingerTime=5 ms"),
        CALLERS_512_LINGER_5("one event per exchange, 512 callers", "component, lingerTime=5 ms"),
        LATENCY_OFF("latency at 100 events/s", "component, coalescing off"),
        LATENCY_LINGER_1("latency at 100 events/s", "component, lingerTime=1 ms"),
        LATENCY_LINGER_5("latency at 100 events/s", "component, lingerTime=5 ms"),
        CONSUME_RAW("consume over WebSocket", "raw Vert.x client, reads the offset only"),
        CONSUME_RAW_DECODED("consume over WebSocket", "raw Vert.x client, decodes each event"),
        CONSUME_COMPONENT("consume over WebSocket", "component, auto-confirm, parallelism=1");

        final String scenario;
        final String client;

        Row(String scenario, String client) {
            this.scenario = scenario;
            this.client = client;
        }

        /**
         * Whether the JIT compilers settle on this row: not on camel-http out of the box, whose every request makes a
         * new connection and TLS handshake; it is left out of the warm-up, its figure needing none.
         */
        boolean settles() {
            return this != SINGLE_CAMEL_HTTP_DEFAULT;
        }

        /** The rows measured against each other, in the order of the table. */
        static final List<List<Row>> GROUPS = List.of(
                List.of(BATCH_RAW, BATCH_COMPONENT),
                List.of(SINGLE_RAW, SINGLE_COMPONENT, SINGLE_ON_EVENT_LOOP, SINGLE_CAMEL_HTTP, SINGLE_CAMEL_HTTP_DEFAULT),
                List.of(CALLERS_64_OFF, CALLERS_64_LINGER_1, CALLERS_64_LINGER_5, CALLERS_512_LINGER_5),
                List.of(LATENCY_OFF, LATENCY_LINGER_1, LATENCY_LINGER_5),
                List.of(CONSUME_RAW, CONSUME_RAW_DECODED, CONSUME_COMPONENT));
    }

    private final Emulator emulator;
    private final RawVertxClient raw;
    private final ComponentClient component;
    private final CamelHttpRoute camelHttp;
    private final CamelHttpRoute camelHttpDefault;
    private final Duration duration;
    private int runs;

    Scenarios(Emulator emulator, RawVertxClient raw, ComponentClient component, CamelHttpRoute camelHttp,
              CamelHttpRoute camelHttpDefault, Duration duration) {
        this.emulator = emulator;
        this.raw = raw;
        this.component = component;
        this.camelHttp = camelHttp;
        this.camelHttpDefault = camelHttpDefault;
        this.duration = duration;
    }

    /**
     * Runs one row: a producing row for the duration, a consuming row over {@code consumeEvents} events stored
     * beforehand (the same number for every consuming client).
     */
    Timing run(Row row, int consumeEvents) throws Exception {
        emulator.reset();
        // the events the last run left in the emulator are garbage now: collect them before, not during, this run
        System.gc();
        Workload workload = new Workload("run" + ++runs);
        return switch (row) {
            case BATCH_RAW -> produce(Workload.BATCH, b -> raw.produceBatch(workload.batchJson(b)).toCompletionStage());
            case BATCH_COMPONENT -> produce(Workload.BATCH, b -> component.produce(workload.batchEvents(b)));
            case SINGLE_RAW -> produce(1, n -> raw.produceEvent(Buffer.buffer(workload.json(n))).toCompletionStage());
            case SINGLE_COMPONENT -> produce(1, n -> component.produce(workload.event(n)));
            case SINGLE_ON_EVENT_LOOP -> produce(1, n -> component.produceOnThisThread(workload.event(n)));
            case SINGLE_CAMEL_HTTP -> produce(1, n -> camelHttp.produce(workload.json(n)));
            case SINGLE_CAMEL_HTTP_DEFAULT -> produce(1, n -> camelHttpDefault.produce(workload.json(n)));
            case CALLERS_64_OFF -> produce(1, CALLERS, n -> component.produce(workload.event(n)));
            case CALLERS_64_LINGER_1 -> produce(1, CALLERS, n -> component.produceLingering(1, workload.event(n)));
            case CALLERS_64_LINGER_5 -> produce(1, CALLERS, n -> component.produceLingering(5, workload.event(n)));
            case CALLERS_512_LINGER_5 -> produce(1, MANY_CALLERS, n -> component.produceLingering(5, workload.event(n)));
            case LATENCY_OFF -> paced(n -> component.produce(workload.event(n)));
            case LATENCY_LINGER_1 -> paced(n -> component.produceLingering(1, workload.event(n)));
            case LATENCY_LINGER_5 -> paced(n -> component.produceLingering(5, workload.event(n)));
            case CONSUME_RAW, CONSUME_RAW_DECODED, CONSUME_COMPONENT -> consume(row, workload, consumeEvents);
        };
    }

    private Timing produce(int eventsPerRequest, IntFunction<CompletionStage<?>> request) throws Exception {
        return produce(eventsPerRequest, IN_FLIGHT, request);
    }

    private Timing produce(int eventsPerRequest, int inFlight, IntFunction<CompletionStage<?>> request) throws Exception {
        Timing timing = Timing.of(() -> (long) eventsPerRequest * InFlight.runFor(duration, inFlight, request));
        return checkedStored(timing);
    }

    /** One event every 1/100 s for the run's duration, each one's latency recorded. */
    private Timing paced(IntFunction<CompletionStage<?>> request) throws Exception {
        Timing.Latency[] latency = new Timing.Latency[1];
        Timing timing = Timing.of(() -> {
            latency[0] = Paced.runFor(duration, LATENCY_RATE, request);
            return duration.toMillis() * LATENCY_RATE / 1000;
        });
        return checkedStored(timing.withLatency(latency[0]));
    }

    private Timing checkedStored(Timing timing) {
        long stored = emulator.state().get("produced").asLong();
        if (stored != timing.events()) {
            throw new IllegalStateException("the service stored " + stored + " events, not " + timing.events());
        }
        return timing;
    }

    /** Stores the events with the raw client (not measured), then consumes them all. */
    private Timing consume(Row row, Workload workload, int events) throws Exception {
        fill(events / Workload.BATCH, workload);
        if (row == Row.CONSUME_COMPONENT) {
            // checked while the route still runs: automatic confirmation, not the one made when stopping
            return component.consume(events, () -> awaitConfirmed(events));
        }
        Timing timing = raw.consume(events, row == Row.CONSUME_RAW_DECODED);
        awaitConfirmed(events);
        return timing;
    }

    private void fill(int batches, Workload workload) throws Exception {
        for (int b = 0; b < batches; b += IN_FLIGHT) {
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = b; i < Math.min(batches, b + IN_FLIGHT); i++) {
                sent.add(raw.produceBatch(workload.batchJson(i)).toCompletionStage().toCompletableFuture());
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
        }
    }

    /** Waits until the service saw every consumed event confirmed: a consumer that skipped one fails here. */
    private void awaitConfirmed(int events) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long confirmed = 0;
        while (System.nanoTime() < deadline) {
            JsonNode group = emulator.state().path("clients").path(Benchmarks.CONSUMER).path("groups").path("~default");
            confirmed = group.path("confirmed").asLong();
            if (confirmed == events) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the service saw " + confirmed + " of " + events + " events confirmed");
    }
}
