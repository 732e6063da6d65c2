package org.mconnectevents.benchmarks;

import org.mconnectevents.benchmarks.Scenarios.Row;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The table of figures and the ratios set against their targets. Every row shows the median of its measured rounds
 * and their spread (min–max); a ratio is the median of the ratios of runs paired in the same round, so that a round
 * slowed by the machine's other processes weighs on both sides of it. "cores busy" is the CPU time of this process
 * (clients and emulator) over the wall-clock time, "others busy" that of every other process of the machine: on 2
 * cores, what the run did not get. "switches/event" counts the times a thread of this process parked and was woken
 * again, per event: each hand-off of work to a thread that waits for it costs one, and on a virtual machine a few
 * microseconds of CPU.
 */
final class Report {

    private final List<Map<Row, Timing>> rounds = new ArrayList<>();

    /** The runs that follow belong to a new round. */
    void startRound() {
        rounds.add(new EnumMap<>(Row.class));
    }

    void add(Row row, Timing timing) {
        rounds.get(rounds.size() - 1).put(row, timing);
    }

    void print() {
        System.out.println();
        System.out.printf("| %-36s | %-42s | %10s | %17s | %12s | %15s | %10s | %15s | %11s |%n", "scenario", "client",
                "events/s", "min–max", "CPU µs/event", "switches/event", "cores busy", "others, min–max", "JIT ms, max");
        System.out.printf("|%s|%s|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(38), "-".repeat(44), "-".repeat(12), "-".repeat(19),
                "-".repeat(14), "-".repeat(17), "-".repeat(12), "-".repeat(17), "-".repeat(13));
        for (Row row : Row.values()) {
            List<Timing> runs = runs(row);
            if (runs.isEmpty() || runs.get(0).latency() != null) {
                continue;
            }
            System.out.printf("| %-36s | %-42s | %,10.0f | %17s | %12.1f | %15.2f | %10.2f | %15s | %,11.0f |%n",
                    row.scenario, row.client, median(runs, Timing::eventsPerSecond),
                    spread(runs, Timing::eventsPerSecond, "%,.0f"), median(runs, Timing::cpuMicrosPerEvent),
                    median(runs, Timing::switchesPerEvent), median(runs, Timing::coresBusy),
                    spread(runs, Timing::othersCoresBusy, "%.2f"),
                    runs.stream().mapToDouble(t -> t.compileNanos() / 1e6).max().orElseThrow());
        }
        printLatencies();
        printRatios();
        Timing mostCompiled = rounds.stream().flatMap(round -> round.entrySet().stream())
                .filter(run -> run.getKey().settles())
                .map(Map.Entry::getValue)
                .max(Comparator.comparingDouble(t -> t.compileNanos() / (double) t.nanos())).orElse(null);
        if (mostCompiled != null) {
            System.out.printf("%nJIT compilation during the measured runs: at most %.0f ms in a run (%.1f %% of its time),"
                            + " camel-http out of the box aside (a TLS handshake per request; it compiles throughout)%n",
                    mostCompiled.compileNanos() / 1e6, 100.0 * mostCompiled.compileNanos() / mostCompiled.nanos());
        }
    }

    private void printLatencies() {
        System.out.println();
        System.out.printf("| %-36s | %-42s | %8s | %13s | %8s | %13s | %15s |%n", "scenario", "client", "p50 ms",
                "min–max", "p99 ms", "min–max", "others, min–max");
        System.out.printf("|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(38), "-".repeat(44), "-".repeat(10), "-".repeat(15),
                "-".repeat(10), "-".repeat(15), "-".repeat(17));
        for (Row row : Row.values()) {
            List<Timing> runs = runs(row);
            if (runs.isEmpty() || runs.get(0).latency() == null) {
                continue;
            }
            ToDoubleFunction<Timing> p50 = t -> t.latency().p50Nanos() / 1e6;
            ToDoubleFunction<Timing> p99 = t -> t.latency().p99Nanos() / 1e6;
            System.out.printf("| %-36s | %-42s | %8.2f | %13s | %8.2f | %13s | %15s |%n", row.scenario, row.client,
                    median(runs, p50), spread(runs, p50, "%.2f"), median(runs, p99), spread(runs, p99, "%.2f"),
                    spread(runs, Timing::othersCoresBusy, "%.2f"));
        }
    }

    private void printRatios() {
        System.out.println();
        System.out.printf("| %-70s | %8s | %15s | %8s | %-7s |%n", "ratio (median of the rounds' paired ratios)", "median",
                "min–max", "target", "");
        System.out.printf("|%s|%s|%s|%s|%s|%n", "-".repeat(72), "-".repeat(10), "-".repeat(17), "-".repeat(10), "-".repeat(9));
        ratio("produce batches: component / raw client", Row.BATCH_COMPONENT, Row.BATCH_RAW, 0.9);
        ratio("produce one event: component (ProducerTemplate) / raw client", Row.SINGLE_COMPONENT, Row.SINGLE_RAW, 0.8);
        ratio("produce one event: component (on the event loop) / raw client", Row.SINGLE_ON_EVENT_LOOP, Row.SINGLE_RAW, 0.8);
        ratio("64 callers: lingerTime=1 ms / coalescing off", Row.CALLERS_64_LINGER_1, Row.CALLERS_64_OFF, 5);
        ratio("64 callers: lingerTime=5 ms / coalescing off", Row.CALLERS_64_LINGER_5, Row.CALLERS_64_OFF, 5);
        ratio("64 callers: lingerTime=1 ms / component's explicit batches", Row.CALLERS_64_LINGER_1, Row.BATCH_COMPONENT, 0.7);
        ratio("512 callers, lingerTime=5 ms / 64 callers, coalescing off (no target)", Row.CALLERS_512_LINGER_5,
                Row.CALLERS_64_OFF, 0);
        ratio("64 callers: lingerTime=5 ms / component's explicit batches", Row.CALLERS_64_LINGER_5, Row.BATCH_COMPONENT, 0.7);
        ratio("consume: component / raw client decoding each event", Row.CONSUME_COMPONENT, Row.CONSUME_RAW_DECODED, 0.9);
        ratio("consume: component / raw client reading the offset only", Row.CONSUME_COMPONENT, Row.CONSUME_RAW, 0.9);
        ratio("component batches / camel-http one event per request, kept", Row.BATCH_COMPONENT, Row.SINGLE_CAMEL_HTTP, 20);
        ratio("component batches / camel-http one event per request, as is", Row.BATCH_COMPONENT,
                Row.SINGLE_CAMEL_HTTP_DEFAULT, 20);
        List<Timing> consumed = runs(Row.CONSUME_COMPONENT);
        if (!consumed.isEmpty()) {
            double consume = median(consumed, Timing::eventsPerSecond);
            System.out.printf("| %-70s | %,8.0f | %15s | %,8d | %-7s |%n", "consume with parallelism=1: component (events/s)",
                    consume, spread(consumed, Timing::eventsPerSecond, "%,.0f"), 10_000, consume >= 10_000 ? "met" : "NOT MET");
        }
    }

    /** The ratio of two rows in every round that measured both; its median against the target. */
    private void ratio(String what, Row measured, Row against, double target) {
        List<Double> ratios = new ArrayList<>();
        for (Map<Row, Timing> round : rounds) {
            if (round.containsKey(measured) && round.containsKey(against)) {
                ratios.add(round.get(measured).eventsPerSecond() / round.get(against).eventsPerSecond());
            }
        }
        if (ratios.isEmpty()) {
            return;
        }
        double median = medianOf(ratios);
        String min = String.format("%.2f", ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        String max = String.format("%.2f", ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        System.out.printf("| %-70s | %8.2f | %15s | %8s | %-7s |%n", what, median, min + "–" + max,
                target == 0 ? "" : "≥ " + (target < 1 ? String.valueOf(target) : String.valueOf((int) target)),
                target == 0 ? "" : median >= target ? "met" : "NOT MET");
    }

    private List<Timing> runs(Row row) {
        return rounds.stream().map(round -> round.get(row)).filter(Objects::nonNull).toList();
    }

    private static double median(List<Timing> runs, ToDoubleFunction<Timing> figure) {
        return medianOf(runs.stream().map(figure::applyAsDouble).toList());
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String spread(List<Timing> runs, ToDoubleFunction<Timing> figure, String format) {
        double min = runs.stream().mapToDouble(figure).min().orElseThrow();
        double max = runs.stream().mapToDouble(figure).max().orElseThrow();
        return String.format(format, min) + "–" + String.format(format, max);
    }
}
