package org.mconnectevents.camel.jpa.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * How the relay runs one transaction on the outbox's database: on a connection of its own, committed or rolled back
 * here (the default), or in a transaction of the application's Spring transaction manager
 * ({@link SpringManagedTransactions}, a class of its own so that this one loads where Spring is absent).
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
}
