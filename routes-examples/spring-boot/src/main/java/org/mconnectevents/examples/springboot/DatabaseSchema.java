package org.mconnectevents.examples.springboot;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.mconnectevents.camel.jpa.schema.SqlScripts;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Creates the example's tables on first start: the registry's own (db/civil-registry-*.sql) and those of the building
 * blocks, from the DDL shipped in their jar. A real application applies the same scripts with its migrations
 * (Flyway, Liquibase); the example only checks whether they ran already, so that it can run again on PostgreSQL.
 */
@Component
public class DatabaseSchema implements InitializingBean {

    private final DataSource dataSource;
    private final String platform;
    private final String schema;

    public DatabaseSchema(DataSource dataSource, @Value("${" + ExampleDatabase.PLATFORM + "}") String platform,
            @Value("${" + ExampleDatabase.SCHEMA + ":}") String schema) {
        if (!schema.matches("[a-z_][a-z0-9_]*|")) {
            throw new IllegalArgumentException(ExampleDatabase.SCHEMA + " must be a plain lower-case SQL name, not " + schema);
        }
        this.dataSource = dataSource;
        this.platform = platform;
        this.schema = schema.isEmpty() ? null : schema;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        if (schema != null) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            }
        }
        if (!exists("registration")) {
            SqlScripts.run(dataSource, "db/civil-registry-" + platform + ".sql",
                    SqlScripts.Tables.OUTBOX.script(platform), SqlScripts.Tables.IDEMPOTENCY.script(platform),
                    SqlScripts.Tables.PERSONAL_DATA_RECORD.script(platform));
        }
    }

    private boolean exists(String table) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                ResultSet tables = connection.getMetaData().getTables(null, schema, null, new String[] {"TABLE"})) {
            while (tables.next()) {
                if (tables.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                    return true;
                }
            }
            return false;
        }
    }
}
