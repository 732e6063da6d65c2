package org.mconnectevents.benchmarks;

/**
 * Runs the benchmarks and prints their figures:
 * {@code mvn -Pbench -DskipTests -pl benchmarks -am package exec:java}. Arguments (or
 * {@code -Dexec.args="..."}): the number of events to measure (default 300000).
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        System.out.printf("machine: %d processors, max heap %d MiB, Java %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"));
        EmulatorThroughput.main(new String[] {Integer.toString(events)});
    }
}
