package org.mconnectevents.soak.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import org.apache.camel.processor.idempotent.jpa.MessageProcessed;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.mconnectevents.camel.jpa.outbox.OutboxEvent;
import org.mconnectevents.camel.jpa.personaldata.PersonalDataRecord;
import org.springframework.orm.jpa.JpaTransactionManager;

/**
 * An application's connection to the soak's PostgreSQL database: a HikariCP pool that gives up on a connection within
 * a few seconds (so that a database outage fails transactions quickly, as technical failures), Hibernate without any
 * look at the database at start (so that an application restarted during an outage still starts), and Spring's JPA
 * transaction manager for {@code transacted()} routes.
 */
public final class SoakDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final EntityManagerFactory entityManagerFactory;
    private final JpaTransactionManager transactionManager;

    /**
     * @param url      the JDBC URL of the soak's database
     * @param poolName names the pool in the application's log
     * @param poolSize connections at most
     */
    public SoakDatabase(String url, String poolName, int poolSize) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(url);
        pool.setUsername("postgres");
        pool.setPoolName(poolName);
        pool.setMaximumPoolSize(poolSize);
        pool.setConnectionTimeout(3_000);
        pool.setValidationTimeout(1_000);
        // start even when the database is down (a restart during the outage); connections come when it is back
        pool.setInitializationFailTimeout(-1);
        dataSource = new HikariDataSource(pool);
        entityManagerFactory = new HibernatePersistenceConfiguration("soak")
                .managedClass(OutboxEvent.class)
                .managedClass(MessageProcessed.class)
                .managedClass(PersonalDataRecord.class)
                .property("jakarta.persistence.nonJtaDataSource", dataSource)
                .property("hibernate.hbm2ddl.auto", "none")
                // no connection at start: the dialect is named instead of read from the database
                .property("hibernate.boot.allow_jdbc_metadata_access", "false")
                .property("hibernate.dialect", "org.hibernate.dialect.PostgreSQLDialect")
                .createEntityManagerFactory();
        transactionManager = new JpaTransactionManager(entityManagerFactory);
        transactionManager.afterPropertiesSet();
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public EntityManagerFactory entityManagerFactory() {
        return entityManagerFactory;
    }

    public JpaTransactionManager transactionManager() {
        return transactionManager;
    }

    @Override
    public void close() {
        entityManagerFactory.close();
        dataSource.close();
    }
}
