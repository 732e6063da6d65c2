package org.mconnectevents.soak.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mconnectevents.camel.jpa.schema.SqlScripts;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL at 127.0.0.1:5432 as the driver uses it: a database of the soak's own, created with the building
 * blocks' tables and the soak's, and dropped at the end; counting queries; and the outage (the cluster stopped with
 * {@code pg_ctlcluster}, and started again on every path).
 */
final class PostgreSql {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private final String database;
    private volatile boolean stopped;

    PostgreSql(String database) {
        this.database = database;
    }

    String url() {
        return SERVER + database;
    }

    /** Creates the database, its tables, and one ledger row per key (last sequence number 0). */
    void create(List<String> keys) throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url());
        dataSource.setUser("postgres");
        SqlScripts.run(dataSource, SqlScripts.Tables.OUTBOX.script("postgresql"),
                SqlScripts.Tables.IDEMPOTENCY.script("postgresql"),
                SqlScripts.Tables.PERSONAL_DATA_RECORD.script("postgresql"), "org/mconnectevents/soak/soak-postgresql.sql");
        try (Connection connection = connection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO soak_key_state VALUES (?, 0)")) {
            for (String key : keys) {
                insert.setString(1, key);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Drops the database, closing the connections still open on it. */
    void drop() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    Connection connection() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "");
    }

    /**
     * Runs queries in one read-only transaction at REPEATABLE READ, so that counts taken while consumers still commit
     * all see the same snapshot.
     */
    <T> T snapshot(SnapshotQueries<T> queries) throws SQLException {
        try (Connection connection = connection()) {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            try {
                return queries.run(new Snapshot(connection));
            } finally {
                connection.rollback();
            }
        }
    }

    /** Queries on one snapshot. */
    interface SnapshotQueries<T> {
        T run(Snapshot snapshot) throws SQLException;
    }

    /** One connection's snapshot: counts and lists of strings. */
    record Snapshot(Connection connection) {
        long count(String sql) throws SQLException {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        }

        List<String> strings(String sql) throws SQLException {
            List<String> values = new ArrayList<>();
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    /** Stops the cluster (fast mode: open connections are cut, as when a database server goes away). */
    void stopServer() throws IOException {
        stopped = true;
        pgCtlCluster("stop", "-m", "fast");
    }

    /** Starts the cluster and waits (bounded) until it takes connections. */
    void startServer() throws IOException {
        pgCtlCluster("start");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection ignored = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
                stopped = false;
                return;
            } catch (SQLException notYet) {
                // the server is still starting: the loop is bounded by the deadline above
                pause(Duration.ofMillis(500));
            }
        }
        throw new IOException("PostgreSQL did not take connections within 60 s of pg_ctlcluster start");
    }

    /** Starts the cluster again if this driver stopped it: for the finally blocks and the shutdown hook. */
    void ensureStarted() {
        if (stopped) {
            try {
                startServer();
            } catch (IOException e) {
                System.err.println("soak: could not start PostgreSQL again, start it by hand: " + e.getMessage());
            }
        }
    }

    private static void pgCtlCluster(String... action) throws IOException {
        List<String> command = new ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version(), "main"));
        command.addAll(List.of(action));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 60 s");
            }
            String output = new String(process.getInputStream().readAllBytes()).strip();
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during " + String.join(" ", command), e);
        }
    }

    private static String version() throws IOException {
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            return versions.map(path -> path.getFileName().toString()).sorted().findFirst()
                    .orElseThrow(() -> new IOException("no PostgreSQL cluster under /etc/postgresql"));
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
