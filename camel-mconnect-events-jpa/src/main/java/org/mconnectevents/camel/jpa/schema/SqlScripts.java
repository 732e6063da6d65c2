package org.mconnectevents.camel.jpa.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Creates the building blocks' tables from the DDL scripts in this jar, for an embedded database, tests or a first try;
 * a real installation applies the same scripts with its own migrations (Flyway, Liquibase...). Scripts are plain SQL:
 * {@code --} comments, statements ending with {@code ;} at the end of a line.
 */
public final class SqlScripts {

    /** The building blocks' tables and their scripts, per database. */
    public enum Tables {
        OUTBOX("org/mconnectevents/camel/jpa/outbox/outbox"),
        IDEMPOTENCY("org/mconnectevents/camel/jpa/idempotency/message-processed"),
        PERSONAL_DATA_RECORD("org/mconnectevents/camel/jpa/personaldata/personal-data-record");

        private final String prefix;

        Tables(String prefix) {
            this.prefix = prefix;
        }

        /** The class-path script for {@code h2} or {@code postgresql}. */
        public String script(String database) {
            String name = database.toLowerCase(Locale.ROOT);
            if (!name.equals("h2") && !name.equals("postgresql")) {
                throw new IllegalArgumentException("The building blocks ship DDL for h2 and postgresql, not " + database);
            }
            return prefix + "-" + name + ".sql";
        }
    }

    private SqlScripts() {
    }

    /** Runs class-path scripts, in order, on one connection (auto-commit: DDL commits on its own on both databases). */
    public static void run(DataSource dataSource, String... resources) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String resource : resources) {
                for (String sql : statements(resource)) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run the SQL scripts " + List.of(resources) + ": " + e.getMessage(), e);
        }
    }

    /** The statements of a class-path script: comments dropped, split at a {@code ;} that ends a line. */
    static List<String> statements(String resource) {
        try (InputStream in = SqlScripts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No SQL script " + resource + " on the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
            return List.of(text.split(";\\s*(\\r?\\n|$)")).stream().map(String::strip).filter(sql -> !sql.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the SQL script " + resource, e);
        }
    }
}
