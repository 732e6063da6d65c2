package org.mconnectevents.camel.jpa.support;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.springframework.orm.jpa.JpaTransactionManager;

/**
 * JPA over a {@link TestDatabase}: Hibernate's entity manager factory and Spring's JPA transaction manager, as
 * camel-jpa and {@code transacted()} use them. Kept out of {@link TestDatabase} so that only the tests of the JPA
 * building blocks need JPA on their class path.
 */
public final class TestEntityManagers {

    private TestEntityManagers() {
    }

    /** An entity manager factory (Hibernate, schema left as the DDL made it) over that database. */
    public static EntityManagerFactory factory(TestDatabase database, Class<?>... entities) {
        HibernatePersistenceConfiguration configuration = new HibernatePersistenceConfiguration(database.name());
        for (Class<?> entity : entities) {
            configuration.managedClass(entity);
        }
        configuration.property("jakarta.persistence.nonJtaDataSource", database.dataSource());
        configuration.property("hibernate.hbm2ddl.auto", "none");
        return configuration.createEntityManagerFactory();
    }

    /** Spring's JPA transaction manager for that factory. */
    public static JpaTransactionManager transactionManager(EntityManagerFactory factory) {
        JpaTransactionManager manager = new JpaTransactionManager(factory);
        manager.afterPropertiesSet();
        return manager;
    }
}
