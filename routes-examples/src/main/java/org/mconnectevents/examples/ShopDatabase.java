package org.mconnectevents.examples;

import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.processor.idempotent.jpa.MessageProcessed;
import org.h2.jdbcx.JdbcDataSource;
import org.mconnectevents.camel.jpa.outbox.OutboxEvent;
import org.mconnectevents.camel.jpa.schema.SqlScripts;
import org.mconnectevents.camel.jpa.personaldata.PersonalDataRecord;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.springframework.orm.jpa.JpaTransactionManager;

/**
 * The shop's database: H2 (in memory unless a URL is given) behind the {@link DatabaseOutage} switch, its tables
 * created from the DDL scripts at start, a Hibernate entity manager factory and Spring's JPA transaction manager
 * for {@code transacted()} routes.
 */
public final class ShopDatabase implements AutoCloseable {

    /** The DDL, in order: the building blocks' tables (shipped in camel-mconnect-events), the shop's own tables. */
    static final List<String> DDL = List.of(SqlScripts.Tables.OUTBOX.script("h2"), SqlScripts.Tables.IDEMPOTENCY.script("h2"),
            SqlScripts.Tables.PERSONAL_DATA_RECORD.script("h2"), "db/shop-h2.sql");

    /** The table of personal-data records. */
    static final String PERSONAL_DATA_RECORDS = "mconnect_personal_data_record";

    private final DatabaseOutage dataSource;
    private final EntityManagerFactory entityManagerFactory;
    private final JpaTransactionManager transactionManager;

    private ShopDatabase(DatabaseOutage dataSource) {
        this.dataSource = dataSource;
        this.entityManagerFactory = entityManagerFactory(dataSource);
        this.transactionManager = new JpaTransactionManager(entityManagerFactory);
        transactionManager.afterPropertiesSet();
    }

    /** Opens the database at {@code url}, or a new in-memory one when it is null, and creates its tables. */
    public static ShopDatabase open(String url) {
        JdbcDataSource h2 = new JdbcDataSource();
        // DB_CLOSE_DELAY keeps an in-memory database while no connection is open (there is no pool to hold one)
        h2.setURL(url != null ? url : "jdbc:h2:mem:shop-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        SqlScripts.run(h2, DDL.toArray(String[]::new));
        return new ShopDatabase(new DatabaseOutage(h2));
    }

    public DatabaseOutage dataSource() {
        return dataSource;
    }

    public EntityManagerFactory entityManagerFactory() {
        return entityManagerFactory;
    }

    public JpaTransactionManager transactionManager() {
        return transactionManager;
    }

    /** Counts the rows of a table (for the scenario's report). */
    public long count(String table) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the rows of " + table, e);
        }
    }

    /** The ids of the events the consumer stored (for the scenario's report). */
    public Set<String> eventIdsReceived() {
        Set<String> ids = new HashSet<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT event_id FROM received_order")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the received orders", e);
        }
    }

    @Override
    public void close() {
        entityManagerFactory.close();
    }

    private static EntityManagerFactory entityManagerFactory(DatabaseOutage dataSource) {
        HibernatePersistenceConfiguration configuration = new HibernatePersistenceConfiguration("shop")
                .managedClass(PlacedOrder.class)
                .managedClass(ReceivedOrder.class)
                .managedClass(OutboxEvent.class)
                .managedClass(MessageProcessed.class)
                .managedClass(PersonalDataRecord.class)
                .property("jakarta.persistence.nonJtaDataSource", dataSource)
                .property("hibernate.hbm2ddl.auto", "none");
        return configuration.createEntityManagerFactory();
    }
}
