package org.mconnectevents.camel.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's view of the running transaction, asked only where Spring's transaction support is on the class path. Camel
 * Quarkus's camel-jpa comes without spring-orm and spring-tx (its routes run in Narayana JTA transactions), so the
 * building blocks must not touch these classes there; in OSGi the bundle still imports them, as Camel Karaf's camel-jpa
 * brings them.
 */
public final class SpringTransactions {

    private static final boolean PRESENT = present("org.springframework.orm.jpa.EntityManagerFactoryUtils")
            && present("org.springframework.transaction.support.TransactionSynchronizationManager");

    private SpringTransactions() {
    }

    /** Whether Spring's transaction support can be asked at all. */
    public static boolean present() {
        return PRESENT;
    }

    /** The EntityManager Spring bound to this thread's transaction for that factory, or null (also without Spring). */
    public static EntityManager boundEntityManager(EntityManagerFactory factory) {
        return PRESENT ? Spring.boundEntityManager(factory) : null;
    }

    /** Whether a Spring transaction runs on this thread (false without Spring). */
    public static boolean transactionActive() {
        return PRESENT && Spring.transactionActive();
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, SpringTransactions.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            // absent: the building blocks then use JPA's and the exchange's own view of the transaction
            return false;
        }
    }

    /** The calls into Spring, in a class of their own so that it is loaded only when Spring is there. */
    private static final class Spring {
        static EntityManager boundEntityManager(EntityManagerFactory factory) {
            return EntityManagerFactoryUtils.getTransactionalEntityManager(factory);
        }

        static boolean transactionActive() {
            return TransactionSynchronizationManager.isActualTransactionActive();
        }
    }
}
