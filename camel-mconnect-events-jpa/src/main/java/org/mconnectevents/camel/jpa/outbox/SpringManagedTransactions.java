package org.mconnectevents.camel.jpa.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay's transactions as transactions of the application's Spring {@link PlatformTransactionManager}, on the
 * connection that manager bound for the outbox's DataSource (a {@code JpaTransactionManager} or
 * {@code DataSourceTransactionManager} over it, or a JTA manager), with the application's transaction settings. Apart
 * from {@link OutboxTransactions} so that the relay loads without Spring (Camel Quarkus), where it commits on
 * connections of its own.
 */
final class SpringManagedTransactions extends OutboxTransactions {
    private final TransactionTemplate template;
    private final DataSource dataSource;

    SpringManagedTransactions(PlatformTransactionManager transactionManager, DataSource dataSource) {
        this.template = new TransactionTemplate(transactionManager);
        this.dataSource = dataSource;
    }

    @Override
    <T> T inTransaction(Work<T> work) throws SQLException {
        try {
            return template.execute(status -> {
                Connection connection = DataSourceUtils.getConnection(dataSource);
                try {
                    requireTransactional(connection);
                    return work.run(connection);
                } catch (SQLException e) {
                    throw new FailedWork(e);
                } finally {
                    DataSourceUtils.releaseConnection(connection, dataSource);
                }
            });
        } catch (FailedWork e) {
            throw e.getCause();
        }
    }

    /**
     * A manager that does not manage the outbox's DataSource leaves the connection committing each statement: the
     * lanes would not stay locked and a failed send could not be undone. Refused rather than run that way.
     */
    private static void requireTransactional(Connection connection) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("The outbox relay's transaction manager does not manage the outbox's "
                    + "DataSource (its connection commits every statement): give the relay the DataSource of the "
                    + "application's JpaTransactionManager or DataSourceTransactionManager, or no transaction manager.");
        }
    }

    /** Carries the work's SQLException through the transaction template, which rolls back on it. */
    private static final class FailedWork extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FailedWork(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
