package org.mconnectevents.soak.driver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The soak's driver: creates the soak's database, starts the emulator, the producers and the consumers as processes
 * of their own, sends the load while the chaos runs, waits (bounded) for everything to drain, then counts and judges.
 * Every process it started is stopped and PostgreSQL is running again on every path (finally block and shutdown hook);
 * the database is dropped at the end. Exits 1 when a promise was broken or a wait timed out, 2 on bad options.
 * <pre>
 * mvn -B -Psoak -DskipTests -pl soak -am verify -Dsoak.args="--events 100000 --keys 1000 --kill-min 10 --kill-max 20"
 * </pre>
 */
public final class SoakDriver {

    private SoakDriver() {
    }

    public static void main(String[] args) throws Exception {
        SoakOptions options;
        try {
            options = SoakOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage());
            System.exit(2);
            return;
        }
        SoakReport report = run(options);
        System.exit(report.passed() ? 0 : 1);
    }

    /** Runs one soak; prints the report and writes it as {@code soak-report.json} into the run's folder. */
    public static SoakReport run(SoakOptions options) throws IOException, InterruptedException {
        Instant started = Instant.now();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        Path work = Files.createDirectories(options.work().resolve("run-" + stamp));
        SoakOptions inRun = options.inFolder(work);
        PostgreSql database = new PostgreSql("soak_" + stamp.replace('-', '_'));
        SoakCluster cluster = new SoakCluster(inRun, database);
        Thread cleanUp = new Thread(() -> {
            cluster.stopAll();
            database.ensureStarted();
            try {
                database.drop();
            } catch (SQLException e) {
                System.err.println("soak: could not drop the soak's database: " + e.getMessage());
            }
        }, "soak-clean-up");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        SoakReport report = new SoakReport(inRun, started);
        log("soak in " + work + ": " + options.events() + " events over " + options.keys() + " keys, "
                + options.producers() + " producers, " + options.consumers() + " consumers");
        try {
            soak(inRun, database, cluster, report);
        } catch (IOException | SQLException | RuntimeException e) {
            report.failed("the soak stopped: " + e);
        } finally {
            cluster.stopAll();
            database.ensureStarted();
            dropQuietly(database, report);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanUp);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping (SIGTERM): the hook runs and stops the processes again, which is harmless
            }
        }
        report.write(work.resolve("soak-report.json"));
        System.out.println(report.json());
        System.out.println(report.passed() ? "SOAK PASSED" : "SOAK FAILED: " + String.join("; ", report.failures()));
        return report;
    }

    private static void soak(SoakOptions options, PostgreSql database, SoakCluster cluster, SoakReport report)
            throws IOException, SQLException, InterruptedException {
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < options.keys(); k++) {
            keys.add(Load.key(k));
        }
        for (int b = 0; b < options.badEvents(); b++) {
            keys.add(Load.badKey(b));
        }
        database.create(keys);
        cluster.startEmulator();
        cluster.startProducers();
        if (!options.consumeAfterLoad()) {
            cluster.startConsumers();
        }
        awaitProducers(cluster);
        log("emulator, producers and consumers started");
        Set<String> expectedDead = new LinkedHashSet<>();
        for (int b = 0; b < options.badEvents(); b++) {
            expectedDead.add(Load.requestId(Load.badKey(b), 1));
        }
        injectPoison(options, cluster.admin(), expectedDead);

        Instant loadStarted = Instant.now();
        long deadline = System.nanoTime() + options.duration().toNanos();
        Load load = new Load(options, cluster.producerPorts());
        Chaos chaos = new Chaos(options, cluster, database, load::accepted, deadline);
        chaos.start();
        boolean completed;
        try {
            completed = load.run(deadline);
        } finally {
            chaos.stop();
        }
        report.load(load, completed, Duration.between(loadStarted, Instant.now()));
        report.chaos(chaos, cluster);
        log("load done: " + load.accepted() + " requests accepted, " + chaos.kills().size() + " kills; draining");
        if (options.consumeAfterLoad()) {
            awaitOutboxSent(database, options.drainTimeout());
            log("every event stored by the emulator; starting the consumers");
            cluster.startConsumers();
        }

        boolean drained = false;
        long drainDeadline = System.nanoTime() + options.drainTimeout().toNanos();
        Counts counts = Counts.read(database, cluster.admin());
        while (!drained && System.nanoTime() < drainDeadline) {
            PostgreSql.pause(Duration.ofSeconds(1));
            counts = Counts.read(database, cluster.admin());
            drained = counts.drained(expectedDead);
        }
        report.counts(counts, expectedDead, load.acceptedIds(), drained, Duration.between(loadStarted, Instant.now()));
        report.evidence(acceptedNotStored(database, load.acceptedIds()), database.snapshot(snapshot -> snapshot.strings(
                "SELECT 'violation ' || v.event_id || ' (seq ' || v.seq || ', last ' || v.last_seq || ', ' || v.consumer "
                        + "|| '); key ' || v.partition_key || ' applied: ' || (SELECT string_agg(e.seq || '@' || e.consumer "
                        + "|| '@' || to_char(e.applied_at, 'HH24:MI:SS.MS'), ' ' ORDER BY e.id) FROM soak_effect e "
                        + "WHERE e.partition_key = v.partition_key AND e.seq BETWEEN v.seq - 3 AND v.seq + 1) "
                        + "FROM soak_violation v ORDER BY v.id LIMIT 20")));
    }

    private static List<String> acceptedNotStored(PostgreSql database, Set<String> accepted) throws SQLException {
        Set<String> stored = new HashSet<>(database.snapshot(s -> s.strings("SELECT request_id FROM soak_request")));
        return accepted.stream().filter(id -> !stored.contains(id)).sorted().toList();
    }

    /** Waits (bounded) until the relays sent every outbox row. */
    private static void awaitOutboxSent(PostgreSql database, Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (database.snapshot(s -> s.count("SELECT count(*) FROM mconnect_outbox WHERE sent_at IS NULL")) > 0
                && System.nanoTime() < deadline) {
            PostgreSql.pause(Duration.ofMillis(500));
        }
    }

    /** Poison events in the consumer's stream, each on a key of its own: unreadable, so they must go dead. */
    private static void injectPoison(SoakOptions options, EmulatorAdmin admin, Set<String> expectedDead) throws IOException {
        List<String> kinds = List.of("missing-type", "over-size-limit");
        for (int p = 0; p < options.poisonEvents(); p++) {
            String id = "poison-" + p;
            admin.injectPoison(SoakCluster.CONSUMER_CLIENT, kinds.get(p % kinds.size()), "urn:soak:ledger",
                    "SOAK.Ledger.Entry.Recorded", id);
            expectedDead.add(id);
        }
    }

    /** Waits (bounded) until every producer answers {@code GET /ready}. */
    private static void awaitProducers(SoakCluster cluster) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        for (int port : cluster.producerPorts()) {
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                    .timeout(Duration.ofSeconds(5)).build();
            while (true) {
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // still starting: bounded by the deadline below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the producers", e);
                }
                Optional<String> exited = cluster.exitedProducer(port);
                if (exited.isPresent()) {
                    throw new IOException(exited.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("the producer on port " + port + " did not answer within 180 s");
                }
                PostgreSql.pause(Duration.ofMillis(500));
            }
        }
    }

    private static void dropQuietly(PostgreSql database, SoakReport report) {
        try {
            database.drop();
        } catch (SQLException e) {
            report.failed("could not drop the soak's database: " + e.getMessage());
        }
    }

    private static void log(String line) {
        System.out.println(Instant.now() + " soak: " + line);
    }
}
