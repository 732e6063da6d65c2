package org.mconnectevents.benchmarks;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long a measured run took: wall-clock time; CPU time of this whole process (clients, emulator, garbage
 * collector, JIT compiler), which on a machine whose cores are all busy says where the time went; and CPU time
 * the other processes of the machine took meanwhile, which says how much of the machine the run really had.
 *
 * @param events       events the run carried
 * @param nanos        wall-clock time
 * @param cpuNanos     CPU time of every thread of this process in the same interval
 * @param othersNanos  CPU time of every other process of the machine in the same interval (-1 when unknown)
 * @param switches     times a thread of this process gave up its core to wait (voluntary context switches: a thread
 *                     parking until another hands it work), in the same interval; -1 when unknown
 * @param compileNanos time the JIT compilers spent compiling in the same interval (on 2 cores, taken from the run)
 * @param latency      the latency of each event, for the rows that measure it; null otherwise
 */
record Timing(long events, long nanos, long cpuNanos, long othersNanos, long switches, long compileNanos, Latency latency) {

    /** Percentiles of the time from handing an event over to its answer. */
    record Latency(long p50Nanos, long p99Nanos) {

        /** The percentiles of these latencies (sorted in place). */
        static Latency of(long[] nanos) {
            java.util.Arrays.sort(nanos);
            return new Latency(percentile(nanos, 50), percentile(nanos, 99));
        }

        private static long percentile(long[] sorted, int percent) {
            int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    /** The same run with the latencies of its events. */
    Timing withLatency(Latency measured) {
        return new Timing(events, nanos, cpuNanos, othersNanos, switches, compileNanos, measured);
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();
    /** Linux counts CPU time in /proc/stat in ticks of 1/100 s (USER_HZ) on every common architecture. */
    private static final long NANOS_PER_TICK = 10_000_000;

    double eventsPerSecond() {
        return events / (nanos / 1e9);
    }

    double cpuMicrosPerEvent() {
        return cpuNanos / 1e3 / events;
    }

    /** Threads of this process that parked and were woken, per event; NaN when unknown. */
    double switchesPerEvent() {
        return switches < 0 ? Double.NaN : switches / (double) events;
    }

    /** Cores this process kept busy on average. */
    double coresBusy() {
        return cpuNanos / (double) nanos;
    }

    /** Cores the other processes of the machine kept busy on average; NaN when unknown. */
    double othersCoresBusy() {
        return othersNanos < 0 ? Double.NaN : othersNanos / (double) nanos;
    }

    /** Times a run, which answers how many events it carried. */
    static Timing of(Run run) throws Exception {
        Snapshot start = Snapshot.now();
        long events = run.run();
        return start.until(events, Snapshot.now());
    }

    /** A measured run. */
    interface Run {
        /** Runs and answers how many events it carried. */
        long run() throws Exception;
    }

    /** Where the clocks stood at one moment. */
    private record Snapshot(long wall, long cpu, long machineBusy, long switches, long compile) {

        static Snapshot now() {
            return new Snapshot(System.nanoTime(), OS.getProcessCpuTime(), machineBusyNanos(), voluntarySwitches(),
                    JIT.getTotalCompilationTime() * 1_000_000);
        }

        Timing until(long events, Snapshot end) {
            long cpu = end.cpu - this.cpu;
            long others = machineBusy < 0 || end.machineBusy < 0 ? -1 : Math.max(0, end.machineBusy - machineBusy - cpu);
            long switched = switches < 0 || end.switches < 0 ? -1 : Math.max(0, end.switches - switches);
            return new Timing(events, end.wall - wall, cpu, others, switched, end.compile - compile, null);
        }

        /**
         * Voluntary context switches of every thread of this process alive now ({@code /proc/self/task/N/status});
         * a thread that ended in between takes its count with it, which the cached pools (60 s idle) rarely do
         * within a run. -1 elsewhere than Linux.
         */
        private static long voluntarySwitches() {
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                long total = 0;
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        for (String line : Files.readAllLines(task.resolve("status"))) {
                            if (line.startsWith("voluntary_ctxt_switches:")) {
                                total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                            }
                        }
                    } catch (IOException ended) {
                        // the thread ended while being read
                    }
                }
                return total;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        /** CPU time every process of the machine took since boot (first line of /proc/stat); -1 elsewhere than Linux. */
        private static long machineBusyNanos() {
            try {
                String[] ticks = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = 0;
                // user nice system idle iowait irq softirq steal: everything but idle and iowait
                for (int field = 1; field <= 8 && field < ticks.length; field++) {
                    if (field != 4 && field != 5) {
                        busy += Long.parseLong(ticks[field]);
                    }
                }
                return busy * NANOS_PER_TICK;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    /**
     * Times consumption from the first event to the last, so that opening the session (TLS, endpoint set-up) does
     * not count. Called by one thread at a time (the consumer's), safe from any.
     */
    static final class Recorder {
        private final int events;
        private final AtomicInteger received = new AtomicInteger();
        private volatile Snapshot start;

        Recorder(int events) {
            this.events = events;
        }

        /** One more event arrived; answers how many so far. */
        int received() {
            int count = received.incrementAndGet();
            if (count == 1) {
                start = Snapshot.now();
            }
            return count;
        }

        /** The last event arrived. */
        Timing finished() {
            return start.until(events, Snapshot.now());
        }
    }
}
