package org.mconnectevents.camel.jpa.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of the relay, on one connection in one transaction. It is plain SQL that PostgreSQL and H2 both run; the
 * table is the one of {@code outbox-postgresql.sql} / {@code outbox-h2.sql}.
 */
final class OutboxStore {

    /** A pending row, as the relay sends it. */
    record Row(long id, String eventId, String source, String partitionKey, String event) {
        String name() {
            return "event (source=" + source + ", id=" + eventId + ", outbox row " + id + ")";
        }
    }

    /** Whether a pending row may go now: no parked row of its partition key comes before it. */
    private static final String NOT_HELD_BACK = "NOT EXISTS (SELECT 1 FROM mconnect_outbox p WHERE p.partition_key = o.partition_key "
            + "AND p.parked_at IS NOT NULL AND p.sent_at IS NULL AND p.id < o.id)";

    /** Lanes with rows that may go now, least recently sent first, that no other relay holds; locked until commit. */
    private static final String LOCK_LANES = "SELECT l.lane FROM mconnect_outbox_lane l WHERE EXISTS ("
            + "SELECT 1 FROM mconnect_outbox o WHERE o.lane = l.lane AND o.sent_at IS NULL AND o.parked_at IS NULL AND "
            + NOT_HELD_BACK + ") ORDER BY l.taken_at, l.lane LIMIT ? FOR UPDATE SKIP LOCKED";

    /**
     * Pending rows of a lane in creation order, without those of a partition key held back by a parked row before them.
     */
    private static final String PENDING = "SELECT o.id, o.event_id, o.source, o.partition_key, o.event FROM mconnect_outbox o "
            + "WHERE o.lane = ? AND o.sent_at IS NULL AND o.parked_at IS NULL AND " + NOT_HELD_BACK + " ORDER BY o.id LIMIT ?";

    private static final String MARK_SENT = "UPDATE mconnect_outbox SET sent_at = ? WHERE id = ANY (?)";
    private static final String TAKE_LANES = "UPDATE mconnect_outbox_lane SET taken_at = ? WHERE lane = ANY (?)";
    private static final String FAILED = "UPDATE mconnect_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ANY (?)";
    private static final String PARK = "UPDATE mconnect_outbox SET attempts = attempts + 1, last_error = ?, parked_at = ? WHERE id = ?";
    private static final String PURGE = "DELETE FROM mconnect_outbox WHERE id IN ("
            + "SELECT id FROM mconnect_outbox WHERE sent_at < ? ORDER BY id LIMIT ?)";

    private static final int MAX_ERROR_LENGTH = 2000;

    private OutboxStore() {
    }

    static List<Integer> lockLanes(Connection connection, int max) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LOCK_LANES)) {
            statement.setInt(1, max);
            List<Integer> lanes = new ArrayList<>(max);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    lanes.add(result.getInt(1));
                }
            }
            return lanes;
        }
    }

    static List<Row> pending(Connection connection, int lane, int max) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(PENDING)) {
            statement.setInt(1, lane);
            statement.setInt(2, max);
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3), result.getString(4),
                            result.getString(5)));
                }
            }
            return rows;
        }
    }

    static void markSent(Connection connection, List<Long> ids, Instant now) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(MARK_SENT)) {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setArray(2, idArray(connection, ids));
            statement.executeUpdate();
        }
    }

    static void takeLanes(Connection connection, List<Integer> lanes, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TAKE_LANES)) {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setArray(2, connection.createArrayOf("INTEGER", lanes.toArray()));
            statement.executeUpdate();
        }
    }

    static void failed(Connection connection, List<Long> ids, String error) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(FAILED)) {
            statement.setString(1, truncated(error));
            statement.setArray(2, idArray(connection, ids));
            statement.executeUpdate();
        }
    }

    static void park(Connection connection, long id, String error, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(PARK)) {
            statement.setString(1, truncated(error));
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setLong(3, id);
            statement.executeUpdate();
        }
    }

    /** Deletes up to {@code max} rows sent before {@code before}; answers how many. */
    static int purge(Connection connection, Instant before, int max) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(PURGE)) {
            statement.setTimestamp(1, Timestamp.from(before));
            statement.setInt(2, max);
            return statement.executeUpdate();
        }
    }

    private static Array idArray(Connection connection, List<Long> ids) throws SQLException {
        return connection.createArrayOf("BIGINT", ids.toArray());
    }

    private static String truncated(String error) {
        String text = error == null ? "(no message)" : error;
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
}
