package org.mconnectevents.camel.jpa.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the relay runs one transaction on the outbox's database: on a connection of its own, committed or rolled back
 * here (the default), or in a transaction of the application's Spring {@link PlatformTransactionManager}, on the
 * connection that manager bound for the outbox's DataSource (a {@code JpaTransactionManager} or
 * {@code DataSourceTransactionManager} over it, or a JTA manager), with the application's transaction settings.
 */
abstract class OutboxTransactions {

    /** The relay's work in one transaction, on its connection. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs the work in one transaction: committed when it returns, rolled back when it throws. */
    abstract <T> T inTransaction(Work<T> work) throws SQLException;

    /** Transactions on connections of the relay's own, from the DataSource. */
    static OutboxTransactions ownConnections(DataSource dataSource) {
        return new OwnConnections(dataSource);
    }

    /** Transactions of the application's transaction manager, which must manage {@code dataSource}. */
    static OutboxTransactions of(PlatformTransactionManager transactionManager, DataSource dataSource) {
        return new ManagedTransactions(transactionManager, dataSource);
    }

    private static final class OwnConnections extends OutboxTransactions {
        private final DataSource dataSource;

        OwnConnections(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        <T> T inTransaction(Work<T> work) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);   // a pool may hand out connections that never commit on their own
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollback(connection, e);
                    throw e;
                } finally {
                    restoreAutoCommit(connection, autoCommit);
                }
            }
        }

        /** Gives the connection back as it came, unless it broke (then the pool drops it, and the failure is known). */
        private static void restoreAutoCommit(Connection connection, boolean autoCommit) throws SQLException {
            if (!connection.isClosed()) {
                connection.setAutoCommit(autoCommit);
            }
        }

        private static void rollback(Connection connection, Exception cause) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }

    private static final class ManagedTransactions extends OutboxTransactions {
        private final TransactionTemplate template;
        private final DataSource dataSource;

        ManagedTransactions(PlatformTransactionManager transactionManager, DataSource dataSource) {
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
