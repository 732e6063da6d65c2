package org.mconnectevents.benchmarks;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.mconnectevents.benchmarks.Scenarios.Row;
import org.mconnectevents.emulator.Emulator;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The component against a raw Vert.x client and a camel-http route, on the emulator over loopback, all in this
 * JVM: {@code mvn -Pbench -DskipTests -pl benchmarks -am package exec:java}. Every row runs in warm-up rounds until
 * the JIT compilers have settled, then in measured rounds (the order of the clients alternates between rounds); the
 * table shows the median of each row and its spread, the ratios the median of the rounds' paired ratios. Arguments (or {@code -Dexec.args="..."}):
 * seconds per producing run (default 4), measured rounds (default 3).
 */
public final class Benchmarks {

    /** The emulator's demo clients: one produces ASP.RST.VP.Invalidated, the other consumes it. */
    static final String PRODUCER = "demo-producer";
    static final String CONSUMER = "demo-consumer";
    /** Events each measured consuming run takes, stored beforehand; half of it to warm up. */
    private static final int CONSUME_EVENTS = 200_000;
    private static final int MIN_WARM_UPS = 2;
    private static final int MAX_WARM_UPS = 5;
    /** A run is taken as compiled when the JIT compilers took at most this share of its time. */
    private static final int SETTLED_PERCENT = 5;

    /** Rows to run, e.g. {@code -Dbench.rows=CONSUME_COMPONENT} while profiling one of them; all when empty. */
    private static final List<String> ONLY = System.getProperty("bench.rows", "").isBlank() ? List.of()
            : List.of(System.getProperty("bench.rows").split(","));

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Duration duration = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 4);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        printMachine();
        long started = System.nanoTime();
        try (Emulator emulator = Emulator.builder().start()) {
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
            CamelContext camel = new DefaultCamelContext();
            try (RawVertxClient raw = new RawVertxClient(vertx, emulator, Scenarios.IN_FLIGHT)) {
                ComponentClient component = new ComponentClient(camel, vertx, emulator);
                CamelHttpRoute camelHttp = new CamelHttpRoute(camel, emulator, "https-kept", true);
                CamelHttpRoute camelHttpDefault = new CamelHttpRoute(camel, emulator, "https-default", false);
                camel.start();
                new Workload("check").checkSameJson();
                Scenarios scenarios = new Scenarios(emulator, raw, component, camelHttp, camelHttpDefault, duration);
                Report report = new Report();
                warmUp(scenarios);
                for (int r = 1; r <= rounds; r++) {
                    round(scenarios, "round " + r, CONSUME_EVENTS, r % 2 == 0, report);
                }
                report.print();
            } finally {
                camel.close();
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
        System.out.printf("%nbenchmark took %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    /**
     * Warm-up rounds until the JIT compilers have settled: on 2 cores they take CPU from the run they compile in, so
     * a run during which they still work measures them, not the clients. At least {@value #MIN_WARM_UPS} rounds, then
     * more until no run spent over {@value #SETTLED_PERCENT} % of its time compiling, at most {@value #MAX_WARM_UPS}.
     */
    private static void warmUp(Scenarios scenarios) throws Exception {
        for (int w = 1; w <= MAX_WARM_UPS; w++) {
            double compiling = round(scenarios, "warm-up " + w, CONSUME_EVENTS / 2, w % 2 == 0, null);
            if (w >= MIN_WARM_UPS && compiling * 100 <= SETTLED_PERCENT) {
                return;
            }
        }
        System.out.printf("the JIT compilers had not settled after %d warm-up rounds: read the JIT column%n", MAX_WARM_UPS);
    }

    /** Runs every row once; answers the largest share of a run's time the JIT compilers spent compiling. */
    private static double round(Scenarios scenarios, String label, int consumeEvents, boolean reversed, Report report)
            throws Exception {
        double compiling = 0;
        if (report != null) {
            report.startRound();
        }
        for (List<Row> group : Row.GROUPS) {
            List<Row> order = new ArrayList<>(group);
            if (reversed) {
                Collections.reverse(order);
            }
            for (Row row : order) {
                if ((!ONLY.isEmpty() && !ONLY.contains(row.name())) || (report == null && !row.settles())) {
                    continue;
                }
                Timing timing = scenarios.run(row, consumeEvents);
                System.out.printf("%-8s %-36s %-42s %,9d events %6.2f s %,9.0f events/s %7.1f CPU µs/event,"
                                + " %5.2f switches/event, JIT %5.0f ms, others busy %.2f cores%n", label, row.scenario,
                        row.client, timing.events(), timing.nanos() / 1e9, timing.eventsPerSecond(), timing.cpuMicrosPerEvent(),
                        timing.switchesPerEvent(), timing.compileNanos() / 1e6, timing.othersCoresBusy());
                if (timing.latency() != null) {
                    System.out.printf("%-8s %-36s %-42s latency p50 %.2f ms, p99 %.2f ms%n", label, row.scenario, row.client,
                            timing.latency().p50Nanos() / 1e6, timing.latency().p99Nanos() / 1e6);
                }
                if (report != null) {
                    report.add(row, timing);
                }
                if (row.settles()) {
                    compiling = Math.max(compiling, timing.compileNanos() / (double) timing.nanos());
                }
            }
        }
        return compiling;
    }

    static void printMachine() {
        Runtime runtime = Runtime.getRuntime();
        String collectors = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        System.out.printf("machine: %d processors, max heap %d MiB, Java %s, GC %s; client and emulator in this JVM,"
                        + " over loopback; %d requests in flight for every producer (%d exchanges in the rows of %d callers);"
                        + " latency rows at %d events/s%n", runtime.availableProcessors(),
                runtime.maxMemory() >> 20, System.getProperty("java.version"), collectors, Scenarios.IN_FLIGHT,
                Scenarios.CALLERS, Scenarios.CALLERS, Scenarios.LATENCY_RATE);
    }
}
