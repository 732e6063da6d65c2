package org.mconnectevents.camel.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mconnectevents.camel.client.EventCodec;
import org.mconnectevents.camel.client.MConnectEventsRejectedException;

/**
 * The sending of one relay transaction's rows: batches in row order within the request limits; a refused batch is
 * halved until the refused events are found and parked, and the rows of their partition keys that follow are held
 * back; the first failure that is not a refusal stops the sending (those rows are retried after a back-off).
 */
final class OutboxSending {

    private final OutboxRelay relay;
    private final Connection connection;
    private final List<OutboxStore.Row> rows;
    private final OutboxRelaySettings settings;

    private final Set<String> heldKeys = new HashSet<>();
    private final List<Long> sentIds = new ArrayList<>();
    private final List<Long> failedIds = new ArrayList<>();
    private String failure;
    private int parkedCount;
    private int parkedInARow;

    OutboxSending(OutboxRelay relay, Connection connection, List<OutboxStore.Row> rows) {
        this.relay = relay;
        this.connection = connection;
        this.rows = rows;
        this.settings = relay.settings();
    }

    void run() throws SQLException {
        List<OutboxStore.Row> batch = new ArrayList<>();
        long bytes = 0;
        for (OutboxStore.Row row : rows) {
            long size = row.event().getBytes(StandardCharsets.UTF_8).length;
            if (!batch.isEmpty() && (batch.size() == settings.getMaxEventsPerRequest()
                    || EventCodec.jsonArraySize(bytes + size, batch.size() + 1) > settings.getMaxRequestSize())) {
                if (!sendOrResolve(batch)) {
                    return;
                }
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(row);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            sendOrResolve(batch);
        }
    }

    /** Sends a batch (without held-back rows); answers false when sending must stop. */
    private boolean sendOrResolve(List<OutboxStore.Row> batch) throws SQLException {
        List<OutboxStore.Row> sendable = batch.stream()
                .filter(row -> row.partitionKey() == null || !heldKeys.contains(row.partitionKey())).toList();
        if (sendable.isEmpty()) {
            return true;
        }
        Exception error = relay.send(sendable);
        if (error == null) {
            sendable.forEach(row -> sentIds.add(row.id()));
            parkedInARow = 0;
            return true;
        }
        if (!refusedForGood(error)) {
            stop(sendable, error.getMessage());
            return false;
        }
        if (sendable.size() == 1) {
            return park(sendable.get(0), error);
        }
        int half = sendable.size() / 2;
        return sendOrResolve(sendable.subList(0, half)) && sendOrResolve(sendable.subList(half, sendable.size()));
    }

    private boolean park(OutboxStore.Row row, Exception refusal) throws SQLException {
        if (parkedInARow == settings.getMaxParkedInARow()) {
            // so many refusals in a row look like a wrong configuration (certificate, address, authorizations), not
            // like bad events: stop parking, keep the rows pending and back off until someone fixes it
            stop(List.of(row), parkedInARow + " events in a row were refused for good, the last with: " + refusal.getMessage()
                    + "; this looks like a configuration error, so the relay parks no more and retries after a back-off");
            return false;
        }
        relay.park(connection, row, refusal);
        parkedCount++;
        parkedInARow++;
        if (row.partitionKey() != null) {
            heldKeys.add(row.partitionKey());
        }
        return true;
    }

    private void stop(List<OutboxStore.Row> batch, String why) {
        batch.forEach(row -> failedIds.add(row.id()));
        failure = why;
    }

    private static boolean refusedForGood(Exception error) {
        return error instanceof MConnectEventsRejectedException rejected && !rejected.isRetryable();
    }

    List<Long> sentIds() {
        return sentIds;
    }

    List<Long> failedIds() {
        return failedIds;
    }

    /** Why the sending stopped, or null when every row was sent or parked. */
    String failure() {
        return failure;
    }

    int parkedCount() {
        return parkedCount;
    }
}
