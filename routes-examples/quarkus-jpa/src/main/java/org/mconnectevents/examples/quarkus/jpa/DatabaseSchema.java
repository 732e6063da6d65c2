package org.mconnectevents.examples.quarkus.jpa;

import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mconnectevents.camel.jpa.schema.SqlScripts;

/**
 * Creates the example's schema and tables on first use: the application's own (db/civil-registry.sql) and the
 * building blocks' (the DDL shipped in their jar). A real application applies these scripts with its migrations.
 */
@ApplicationScoped
public class DatabaseSchema {

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "example.database.schema")
    String schema;

    @PostConstruct
    void create() throws SQLException {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("example.database.schema must be a plain lower-case SQL name, not " + schema);
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (statement.executeQuery("SELECT 1 FROM information_schema.tables WHERE table_schema = '" + schema
                    + "' AND table_name = 'registration'").next()) {
                return;
            }
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        }
        SqlScripts.run(dataSource, "db/civil-registry.sql", SqlScripts.Tables.OUTBOX.script("postgresql"),
                SqlScripts.Tables.IDEMPOTENCY.script("postgresql"), SqlScripts.Tables.PERSONAL_DATA_RECORD.script("postgresql"));
    }

    /** The DataSource, once its tables exist. */
    AgroalDataSource dataSource() {
        return dataSource;
    }
}
