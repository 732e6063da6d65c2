package org.mconnectevents.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.mconnectevents.camel.MConnectEventsComponent;
import org.mconnectevents.camel.MConnectEventsConfiguration;
import org.mconnectevents.client.EventCodec;
import org.mconnectevents.camel.jpa.outbox.Outbox;
import org.mconnectevents.camel.jpa.outbox.OutboxOperations;
import org.mconnectevents.camel.jpa.outbox.OutboxRelay;
import org.mconnectevents.camel.jpa.schema.SqlScripts;
import org.mconnectevents.emulator.Emulator;

/**
 * The outbox drain rate on PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}; a schema of its
 * own, dropped afterwards): rows of about 1 KB over 1,000 partition keys are written first, then one or two relays
 * send them to the emulator, each relay on its own thread calling {@link OutboxRelay#drainOnce()} until nothing is
 * pending. Targets on 2 cores: 5,000 events/s with one relay, 10,000 with two.
 * {@code mvn -Pbench -DskipTests -pl benchmarks -am package exec:java -Dexec.mainClass=org.mconnectevents.benchmarks.OutboxBenchmark}
 * Arguments: events per measured run (default 100,000), measured rounds (default 2).
 */
public final class OutboxBenchmark {

    private static final String URL = System.getProperty("mconnect.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String SCHEMA = "outbox_benchmark";
    private static final int KEYS = 1_000;
    private static final int TARGET_ONE = 5_000;
    private static final int TARGET_TWO = 10_000;

    private OutboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Benchmarks.printMachine();
        execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA);
        try (Emulator emulator = Emulator.builder().start(); HikariDataSource dataSource = dataSource()) {
            SqlScripts.run(dataSource, SqlScripts.Tables.OUTBOX.script("postgresql"));
            CamelContext camel = new DefaultCamelContext();
            MConnectEventsConfiguration configuration = camel.getComponent("mconnect-events", MConnectEventsComponent.class).getConfiguration();
            configuration.setBaseAddress(emulator.baseAddress().toString());
            configuration.setKeyStore(emulator.clientKeyStore(Benchmarks.PRODUCER).toString());
            configuration.setKeyStorePassword(emulator.keyStorePassword());
            configuration.setTrustStore(emulator.trustedCertificate().toString());
            camel.start();
            try {
                System.out.printf("%nwarm-up: %,d events%n", events / 5);
                run(camel, dataSource, emulator, events / 5, 1);
                run(camel, dataSource, emulator, events / 5, 2);
                double[] best = new double[3];
                for (int round = 1; round <= rounds; round++) {
                    System.out.printf("%nround %d%n", round);
                    for (int relays : round % 2 == 1 ? new int[] {1, 2} : new int[] {2, 1}) {
                        best[relays] = Math.max(best[relays], run(camel, dataSource, emulator, events, relays));
                    }
                }
                System.out.println();
                System.out.println("| relays | events/s (best run) | target | ratio to target |");
                System.out.println("|---|---|---|---|");
                System.out.printf("| 1 | %,.0f | %,d | %.2f |%n", best[1], TARGET_ONE, best[1] / TARGET_ONE);
                System.out.printf("| 2 | %,.0f | %,d | %.2f |%n", best[2], TARGET_TWO, best[2] / TARGET_TWO);
                System.out.printf("two relays / one relay: %.2f%n", best[2] / best[1]);
            } finally {
                camel.close();
            }
        } finally {
            execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    /** Writes the rows, then drains them with that many relays; answers events per second of the drain. */
    private static double run(CamelContext camel, HikariDataSource dataSource, Emulator emulator, int events, int relays)
            throws Exception {
        execute("TRUNCATE " + SCHEMA + ".mconnect_outbox");
        long storedBefore = storedEvents(emulator);
        fill(dataSource, events);
        OutboxOperations operations = new OutboxOperations(dataSource);
        ExecutorService threads = Executors.newFixedThreadPool(relays);
        long[] sent = {0};
        Timing timing = Timing.of(() -> {
            List<Future<Long>> done = new ArrayList<>();
            for (int r = 0; r < relays; r++) {
                OutboxRelay relay = OutboxRelay.of(camel, dataSource);
                done.add(threads.submit(() -> {
                    while (relay.drainOnce() > 0 || operations.pendingCount() > 0) {
                        if (relay.getLastError() != null) {
                            throw new IllegalStateException("the relay failed: " + relay.getLastError());
                        }
                    }
                    return relay.getSentCount();
                }));
            }
            for (Future<Long> relay : done) {
                sent[0] += relay.get();
            }
            return events;
        });
        threads.shutdown();
        long stored = storedEvents(emulator) - storedBefore;
        if (sent[0] != events || stored < events) {
            throw new IllegalStateException("sent " + sent[0] + " and the service stored " + stored + " of " + events + " events");
        }
        System.out.printf("  %d relay%s: %,d events in %.2f s = %,.0f events/s (cores busy: this JVM %.2f, others (PostgreSQL) %.2f)%n",
                relays, relays == 1 ? " " : "s", events, timing.nanos() / 1e9, timing.eventsPerSecond(), timing.coresBusy(),
                timing.othersCoresBusy());
        return timing.eventsPerSecond();
    }

    private static void fill(HikariDataSource dataSource, int events) throws SQLException {
        String note = "x".repeat(900);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            List<CloudEvent> batch = new ArrayList<>(1_000);
            for (int n = 0; n < events; n++) {
                String data = "{\"IDNP\":\"20012345" + String.format("%05d", n % 100_000) + "\",\"n\":" + n + ",\"note\":\"" + note + "\"}";
                batch.add(CloudEventBuilder.v1().withId("bench-" + System.nanoTime() + "-" + n).withSource(URI.create("urn:asp"))
                        .withType("ASP.RST.VP.Invalidated").withExtension(EventCodec.PARTITION_KEY, "idnp:" + n % KEYS)
                        .withData("application/json", data.getBytes(StandardCharsets.UTF_8)).build());
                if (batch.size() == 1_000) {
                    Outbox.insert(connection, batch);
                    connection.commit();
                    batch.clear();
                }
            }
            Outbox.insert(connection, batch);
            connection.commit();
        }
    }

    private static long storedEvents(Emulator emulator) {
        return emulator.state().path("produced").asLong(-1);
    }

    private static HikariDataSource dataSource() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(URL + "?currentSchema=" + SCHEMA + "&reWriteBatchedInserts=true");
        config.setUsername(System.getProperty("mconnect.postgresql.user", "postgres"));
        config.setPassword(System.getProperty("mconnect.postgresql.password", ""));
        config.setMaximumPoolSize(6);
        return new HikariDataSource(config);
    }

    private static void execute(String... sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, System.getProperty("mconnect.postgresql.user", "postgres"),
                System.getProperty("mconnect.postgresql.password", "")); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }
}
