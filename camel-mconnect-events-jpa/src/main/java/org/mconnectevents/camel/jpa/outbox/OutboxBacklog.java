package org.mconnectevents.camel.jpa.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;
import org.mconnectevents.camel.MConnectEventsBacklog;

/**
 * What waits in an outbox, as the component's dev console and metrics show it: the rows not sent yet, the rows parked
 * (refused for good, waiting for an operator) and when the oldest row not sent yet was written. The relay's route
 * template adds the outbox of each relay to the component, named after the relay; a relay made with
 * {@link OutboxRelay#of} is added by hand: {@code component.addBacklog(new OutboxBacklog("orders", dataSource))}.
 * <p>
 * Each measure is one read-only query; the counts use the indexes of the relay's own reads.
 */
public final class OutboxBacklog implements MConnectEventsBacklog {

    private static final String MEASURE = "SELECT "
            + "(SELECT COUNT(*) FROM mconnect_outbox WHERE sent_at IS NULL AND parked_at IS NULL), "
            + "(SELECT MIN(created_at) FROM mconnect_outbox WHERE sent_at IS NULL AND parked_at IS NULL), "
            + "(SELECT COUNT(*) FROM mconnect_outbox WHERE parked_at IS NOT NULL AND sent_at IS NULL)";

    private final String name;
    private final DataSource dataSource;

    /**
     * @param name       what the console and the metrics call it, e.g. the relay's id
     * @param dataSource the database holding the outbox table
     */
    public OutboxBacklog(String name, DataSource dataSource) {
        this.name = name;
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Measurement measure() throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(MEASURE);
                ResultSet result = statement.executeQuery()) {
            result.next();
            Timestamp oldest = result.getTimestamp(2);
            return new Measurement(result.getLong(1), result.getLong(3), oldest == null ? null : oldest.toInstant());
        }
    }

    @Override
    public String toString() {
        return "outbox " + name;
    }
}
