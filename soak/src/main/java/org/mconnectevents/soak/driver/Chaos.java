package org.mconnectevents.soak.driver;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * What goes wrong during the load, on one thread of its own: a random producer or consumer SIGKILLed and started
 * again every {@code killMin}..{@code killMax}; PostgreSQL stopped once for {@code outage} when 30 % of the requests
 * are accepted; the emulator's faults switched through a cycle of phases every {@code faultPeriod}. Stops when told or
 * at the load's deadline; the faults are off and PostgreSQL is running when {@link #stop()} returns.
 */
final class Chaos implements Runnable {

    /** The fault phases, in turn: the keys of the emulator's faults (PUT /emulator/faults). */
    static final List<String> FAULT_PHASES = List.of(
            "{\"produceFailRate\":0.05,\"produceStoreThenFailRate\":0.01}",
            "{\"dropConfirmRate\":0.01,\"closeSessionRate\":0.0005}",
            "{\"responseDelay\":\"PT0.02S\",\"instanceExpiry\":\"PT5S\"}",
            "{}",
            "{\"produceFailRate\":0.05,\"produceStoreThenFailRate\":0.01,\"dropConfirmRate\":0.01,"
                    + "\"closeSessionRate\":0.0005,\"responseDelay\":\"PT0.01S\",\"instanceExpiry\":\"PT5S\"}",
            "{}");

    private final SoakOptions options;
    private final SoakCluster cluster;
    private final PostgreSql database;
    private final LongSupplier accepted;
    private final long deadline;
    private final Random random = new Random();
    private final List<String> kills = new ArrayList<>();
    private final List<String> exitedByThemselves = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private volatile boolean stopping;
    private Thread thread;
    private int faultSwitches;
    private Instant outageStarted;
    private Instant outageEnded;

    Chaos(SoakOptions options, SoakCluster cluster, PostgreSql database, LongSupplier accepted, long deadline) {
        this.options = options;
        this.cluster = cluster;
        this.database = database;
        this.accepted = accepted;
        this.deadline = deadline;
    }

    void start() {
        thread = new Thread(this, "soak-chaos");
        thread.start();
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        long nextKill = options.killsOn() ? now + between(options.killMin(), options.killMax()) : Long.MAX_VALUE;
        long nextFaults = options.faults() ? now + options.faultPeriod().toNanos() : Long.MAX_VALUE;
        long outageAt = (long) ((options.events() + options.badEvents()) * 0.3);
        boolean outageDone = options.outage().isZero();
        int phase = 0;
        while (!stopping && System.nanoTime() < deadline) {
            now = System.nanoTime();
            if (now >= nextKill) {
                kills.add(cluster.killOneAndRestart(random));
                nextKill = now + between(options.killMin(), options.killMax());
            }
            if (now >= nextFaults) {
                switchFaults(FAULT_PHASES.get(phase++ % FAULT_PHASES.size()));
                nextFaults = now + options.faultPeriod().toNanos();
            }
            if (!outageDone && accepted.getAsLong() >= outageAt) {
                outage();
                outageDone = true;
            }
            exitedByThemselves.addAll(cluster.restartExited());
            PostgreSql.pause(Duration.ofMillis(200));
        }
    }

    /** Stops the chaos (bounded wait), then makes sure the faults are off and PostgreSQL runs. */
    void stop() throws InterruptedException {
        stopping = true;
        if (thread != null) {
            thread.join(Duration.ofSeconds(120).toMillis());
        }
        database.ensureStarted();
        switchFaults("{}");
    }

    private void outage() {
        outageStarted = Instant.now();
        try {
            database.stopServer();
            PostgreSql.pause(options.outage());
        } catch (IOException e) {
            problems.add("the database outage failed: " + e.getMessage());
        } finally {
            try {
                database.startServer();
            } catch (IOException e) {
                problems.add("PostgreSQL did not start again: " + e.getMessage());
            }
            outageEnded = Instant.now();
        }
    }

    private void switchFaults(String faults) {
        try {
            cluster.admin().faults(faults);
            faultSwitches++;
        } catch (IOException e) {
            problems.add("could not switch the emulator's faults: " + e.getMessage());
        }
    }

    private long between(Duration min, Duration max) {
        long low = min.toNanos();
        long high = Math.max(low, max.toNanos());
        return low + (high == low ? 0 : (long) (random.nextDouble() * (high - low)));
    }

    List<String> kills() {
        return kills;
    }

    List<String> exitedByThemselves() {
        return exitedByThemselves;
    }

    List<String> problems() {
        return problems;
    }

    int faultSwitches() {
        return faultSwitches;
    }

    Instant outageStarted() {
        return outageStarted;
    }

    Instant outageEnded() {
        return outageEnded;
    }
}
