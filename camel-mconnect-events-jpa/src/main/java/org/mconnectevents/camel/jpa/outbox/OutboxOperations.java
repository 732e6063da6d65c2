package org.mconnectevents.camel.jpa.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What an operator does with the outbox: look at parked rows (events the service refused for good), release one after
 * fixing its cause (it is sent again in its place, before the rows of its partition key that waited behind it), or
 * give one up (it is kept, marked sent with the reason, and purged with the other sent rows). Plain SQL on the outbox
 * table works as well; this is the same in Java.
 */
public final class OutboxOperations {

    /** A parked row. */
    public record Parked(long id, String source, String eventId, String type, String partitionKey, String error,
            Instant parkedAt, String event) {
    }

    private static final String PARKED = "SELECT id, source, event_id, type, partition_key, last_error, parked_at, event "
            + "FROM mconnect_outbox WHERE parked_at IS NOT NULL AND sent_at IS NULL ORDER BY id";
    private static final String RELEASE = "UPDATE mconnect_outbox SET parked_at = NULL WHERE id = ? AND parked_at IS NOT NULL "
            + "AND sent_at IS NULL";
    private static final String GIVE_UP = "UPDATE mconnect_outbox SET sent_at = ?, last_error = ? WHERE id = ? "
            + "AND parked_at IS NOT NULL AND sent_at IS NULL";
    private static final String PENDING = "SELECT COUNT(*) FROM mconnect_outbox WHERE sent_at IS NULL AND parked_at IS NULL";

    private final DataSource dataSource;

    public OutboxOperations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The parked rows, oldest first. */
    public List<Parked> parked() throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(PARKED);
                ResultSet result = statement.executeQuery()) {
            List<Parked> parked = new ArrayList<>();
            while (result.next()) {
                parked.add(new Parked(result.getLong(1), result.getString(2), result.getString(3), result.getString(4),
                        result.getString(5), result.getString(6), result.getTimestamp(7).toInstant(), result.getString(8)));
            }
            return parked;
        }
    }

    /** Makes a parked row pending again; answers false when no parked row has that id. */
    public boolean release(long id) throws SQLException {
        return update(RELEASE, statement -> statement.setLong(1, id));
    }

    /**
     * Gives a parked row up: it will never be sent, and the rows of its partition key that waited go on. The row keeps
     * its event and error, with the reason, until the purge. Answers false when no parked row has that id.
     */
    public boolean giveUp(long id, String reason) throws SQLException {
        return update(GIVE_UP, statement -> {
            statement.setTimestamp(1, Timestamp.from(Instant.now()));
            statement.setString(2, "given up by an operator: " + reason);
            statement.setLong(3, id);
        });
    }

    /** Sets the parameters of an update of one row and commits it (the pool may hand out connections that never commit). */
    private boolean update(String sql, Parameters parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                parameters.set(statement);
                boolean updated = statement.executeUpdate() == 1;
                connection.commit();
                return updated;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    /** How many rows wait to be sent (parked ones excluded). */
    public long pendingCount() throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(PENDING);
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }
}
