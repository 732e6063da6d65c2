package org.mconnectevents.benchmarks;

import org.mconnectevents.benchmarks.Scenarios.Row;

import java.util.EnumMap;
import java.util.Map;

/**
 * The table of figures (the best run of each row) and the ratios set against their targets. "cores busy" is the
 * CPU time of this process (clients and emulator) over the wall-clock time, "others busy" that of every other
 * process of the machine: on 2 cores, what the run did not get.
 */
final class Report {

    private final Map<Row, Timing> best = new EnumMap<>(Row.class);

    /** Keeps the run if it is the fastest of its row so far. */
    void add(Row row, Timing timing) {
        best.merge(row, timing, (a, b) -> a.eventsPerSecond() >= b.eventsPerSecond() ? a : b);
    }

    void print() {
        System.out.println();
        System.out.printf("| %-30s | %-42s | %9s | %10s | %12s | %10s | %11s |%n", "scenario", "client", "events",
                "events/s", "CPU µs/event", "cores busy", "others busy");
        System.out.printf("|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(32), "-".repeat(44), "-".repeat(11), "-".repeat(12),
                "-".repeat(14), "-".repeat(12), "-".repeat(13));
        for (Row row : Row.values()) {
            Timing timing = best.get(row);
            if (timing == null) {
                continue;
            }
            System.out.printf("| %-30s | %-42s | %,9d | %,10.0f | %12.1f | %10.2f | %11.2f |%n", row.scenario, row.client,
                    timing.events(), timing.eventsPerSecond(), timing.cpuMicrosPerEvent(), timing.coresBusy(),
                    timing.othersCoresBusy());
        }
        System.out.println();
        System.out.printf("| %-66s | %10s | %8s | %-7s |%n", "ratio", "measured", "target", "");
        System.out.printf("|%s|%s|%s|%s|%n", "-".repeat(68), "-".repeat(12), "-".repeat(10), "-".repeat(9));
        ratio("produce batches: component / raw client", Row.BATCH_COMPONENT, Row.BATCH_RAW, 0.9);
        ratio("produce one event: component (ProducerTemplate) / raw client", Row.SINGLE_COMPONENT, Row.SINGLE_RAW, 0.9);
        ratio("produce one event: component (on the event loop) / raw client", Row.SINGLE_ON_EVENT_LOOP, Row.SINGLE_RAW, 0.9);
        ratio("consume: component / raw client decoding each event", Row.CONSUME_COMPONENT, Row.CONSUME_RAW_DECODED, 0.9);
        ratio("consume: component / raw client reading the offset only", Row.CONSUME_COMPONENT, Row.CONSUME_RAW, 0.9);
        ratio("component batches / camel-http one event per request, kept", Row.BATCH_COMPONENT, Row.SINGLE_CAMEL_HTTP, 20);
        ratio("component batches / camel-http one event per request, as is", Row.BATCH_COMPONENT,
                Row.SINGLE_CAMEL_HTTP_DEFAULT, 20);
        if (!best.containsKey(Row.CONSUME_COMPONENT)) {
            return;
        }
        double consume = best.get(Row.CONSUME_COMPONENT).eventsPerSecond();
        System.out.printf("| %-66s | %,10.0f | %,8d | %-7s |%n", "consume with parallelism=1: component (events/s)", consume,
                10_000, consume >= 10_000 ? "met" : "NOT MET");
    }

    private void ratio(String what, Row measured, Row against, double target) {
        if (!best.containsKey(measured) || !best.containsKey(against)) {
            return;
        }
        double ratio = best.get(measured).eventsPerSecond() / best.get(against).eventsPerSecond();
        System.out.printf("| %-66s | %10.2f | %8s | %-7s |%n", what, ratio, "≥ " + (target < 1 ? String.valueOf(target) : String.valueOf((int) target)),
                ratio >= target ? "met" : "NOT MET");
    }
}
