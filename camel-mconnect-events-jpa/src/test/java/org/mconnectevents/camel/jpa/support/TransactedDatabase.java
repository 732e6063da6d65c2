package org.mconnectevents.camel.jpa.support;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.orm.jpa.JpaTransactionManager;

/**
 * A {@link TestDatabase} set up for transacted routes, as an integrator sets one up: its tables from DDL scripts, an
 * entity manager factory, Spring's JPA transaction manager, and in the Camel registry {@code dataSource},
 * {@code entityManagerFactory}, {@code transactionManager} and the {@code PROPAGATION_REQUIRED} policy.
 */
public final class TransactedDatabase implements AutoCloseable {

    private final TestDatabase database;
    private final EntityManagerFactory factory;
    private final JpaTransactionManager transactionManager;

    private TransactedDatabase(TestDatabase database, EntityManagerFactory factory) {
        this.database = database;
        this.factory = factory;
        this.transactionManager = TestEntityManagers.transactionManager(factory);
    }

    /** Opens a database of that kind with these tables and entities, and binds it in the context's registry. */
    public static TransactedDatabase open(CamelContext context, TestDatabase.Kind kind, List<String> ddl, Class<?>... entities) {
        TestDatabase database = TestDatabase.open(kind).apply(ddl.toArray(String[]::new));
        TransactedDatabase transacted = new TransactedDatabase(database, TestEntityManagers.factory(database, entities));
        context.getRegistry().bind("dataSource", database.dataSource());
        context.getRegistry().bind("entityManagerFactory", transacted.factory);
        context.getRegistry().bind("transactionManager", transacted.transactionManager);
        context.getRegistry().bind("PROPAGATION_REQUIRED", new SpringTransactionPolicy(transacted.transactionManager));
        return transacted;
    }

    public EntityManagerFactory factory() {
        return factory;
    }

    public JpaTransactionManager transactionManager() {
        return transactionManager;
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    /** The results of a JPQL query, in a transaction of its own. */
    public <T> List<T> query(String jpql, Class<T> type) {
        try (EntityManager entityManager = factory.createEntityManager()) {
            return entityManager.createQuery(jpql, type).getResultList();
        }
    }

    /** Closes the factory and the database; stop the routes that use them first. */
    @Override
    public void close() {
        factory.close();
        database.close();
    }
}
