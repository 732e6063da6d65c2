package org.mconnectevents.camel.jpa.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.mconnectevents.camel.jpa.schema.SqlScripts;

/**
 * A database of its own for one test class: an in-memory H2 database, or a fresh schema in the PostgreSQL at
 * {@code 127.0.0.1:5432} (database {@code test}, user {@code postgres}; override with {@code -Dmconnect.postgresql.url},
 * {@code .user}, {@code .password}). PostgreSQL is required: when it is not reachable the test fails with a message
 * saying how to start it; it never skips.
 * <p>
 * Plain JDBC on purpose: JPA over it is {@link TestEntityManagers}, so that the tests of the JDBC-only building blocks
 * (the outbox relay, {@code Outbox.insert}) run with neither JPA nor Hibernate on their class path.
 */
public final class TestDatabase implements AutoCloseable {

    /** The databases the building blocks are tested on. */
    public enum Kind {
        H2, POSTGRESQL
    }

    private static final String PG_URL = System.getProperty("mconnect.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getProperty("mconnect.postgresql.user", "postgres");
    private static final String PG_PASSWORD = System.getProperty("mconnect.postgresql.password", "");

    private final Kind kind;
    private final String schema;
    private final HikariDataSource dataSource;

    private TestDatabase(Kind kind, String schema, HikariDataSource dataSource) {
        this.kind = kind;
        this.schema = schema;
        this.dataSource = dataSource;
    }

    /** Opens a new, empty database of that kind with a pool of {@code poolSize} connections. */
    public static TestDatabase open(Kind kind, int poolSize) {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(poolSize);
        config.setPoolName(name);
        if (kind == Kind.H2) {
            // DB_CLOSE_DELAY keeps the database while the pool reconnects; LOCK_TIMEOUT bounds waits on row locks
            config.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
            config.setUsername("sa");
        } else {
            createSchema(name);
            config.setJdbcUrl(PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + name);
            config.setUsername(PG_USER);
            config.setPassword(PG_PASSWORD);
        }
        return new TestDatabase(kind, name, new HikariDataSource(config));
    }

    /** Opens a new, empty database of that kind with a small pool. */
    public static TestDatabase open(Kind kind) {
        return open(kind, 8);
    }

    public Kind kind() {
        return kind;
    }

    /** The database's name: the H2 database, or the PostgreSQL schema. */
    public String name() {
        return schema;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs SQL scripts from the class path (see {@link SqlScripts}). */
    public TestDatabase apply(String... resources) {
        SqlScripts.run(dataSource, resources);
        return this;
    }

    @Override
    public void close() {
        dataSource.close();
        if (kind == Kind.POSTGRESQL) {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static void createSchema(String name) {
        execute("CREATE SCHEMA " + name);
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is required by this test and is not usable at " + PG_URL
                    + " as " + PG_USER + " (" + e.getMessage() + "). Start it (.ci/run does: pg_ctlcluster "
                    + "--skip-systemctl-redirect <version> main start) or point -Dmconnect.postgresql.url at one.", e);
        }
    }
}
