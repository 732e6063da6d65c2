package org.mconnectevents.examples;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The shop's data source with a switch the scenario uses to take the database down: while it is down, every new
 * connection is refused as a real unreachable database would refuse it ({@link SQLTransientConnectionException},
 * SQLState 08001). It sits directly on the database with no pool in front, so Hibernate meets the outage on the
 * next transaction. Thread-safe: the switch is a volatile flag.
 */
public final class DatabaseOutage implements DataSource {

    /** SQLState class 08: connection exception, "client unable to establish connection". */
    private static final String UNABLE_TO_CONNECT = "08001";

    private final DataSource database;
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean down;

    public DatabaseOutage(DataSource database) {
        this.database = database;
    }

    /** From now on, new connections are refused. */
    public void down() {
        down = true;
    }

    /** From now on, connections are served again. */
    public void up() {
        down = false;
    }

    /** How many connections were refused while the database was down. */
    public long refusedConnections() {
        return refused.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        refuseWhileDown();
        return database.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        refuseWhileDown();
        return database.getConnection(username, password);
    }

    private void refuseWhileDown() throws SQLTransientConnectionException {
        if (down) {
            refused.incrementAndGet();
            throw new SQLTransientConnectionException("the shop's database is down (simulated outage): no connection",
                    UNABLE_TO_CONNECT);
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return database.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        database.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        database.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return database.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return database.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : database.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || database.isWrapperFor(type);
    }
}
