package org.mconnectevents.camel.jpa.outbox;

import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mconnectevents.client.EventCodec;
import org.mconnectevents.client.MConnectEventsRejectedException;
import org.mconnectevents.client.Redaction;

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
    /** Errors are logged and recorded in the row: they name events, never quote their data (unless logEventData). */
    private final Redaction redaction;

    /** A row parked in this transaction, and why. */
    record Parked(OutboxStore.Row row, String error) {
    }

    /** A row with its event, read back from the stored JSON. */
    private record Readable(OutboxStore.Row row, CloudEvent event) {
    }

    private final Set<String> heldKeys = new HashSet<>();
    private final List<Long> sentIds = new ArrayList<>();
    private final List<Long> failedIds = new ArrayList<>();
    private final List<Parked> parked = new ArrayList<>();
    private String failure;

    OutboxSending(OutboxRelay relay, Connection connection, List<OutboxStore.Row> rows) {
        this.relay = relay;
        this.connection = connection;
        this.rows = rows;
        this.settings = relay.settings();
        this.redaction = relay.redaction();
    }

    void run() throws SQLException {
        List<Readable> batch = new ArrayList<>();
        long bytes = 0;
        for (OutboxStore.Row row : rows) {
            byte[] json = row.event().getBytes(StandardCharsets.UTF_8);
            CloudEvent event;
            try {
                event = EventCodec.fromJson(json);
            } catch (RuntimeException e) {
                // written by hand or by other code: it can never be sent as it is, like an event the service refuses.
                // What came before it goes first, so that earlier rows of its key are not held back behind it.
                if (!batch.isEmpty() && !sendOrResolve(batch)) {
                    return;
                }
                batch = new ArrayList<>();
                bytes = 0;
                park(row, "the stored event is not a CloudEvent in the JSON event format: " + redaction.failure(e));
                continue;
            }
            long size = json.length;
            if (!batch.isEmpty() && (batch.size() == settings.getMaxEventsPerRequest()
                    || EventCodec.jsonArraySize(bytes + size, batch.size() + 1) > settings.getMaxRequestSize())) {
                if (!sendOrResolve(batch)) {
                    return;
                }
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(new Readable(row, event));
            bytes += size;
        }
        if (!batch.isEmpty()) {
            sendOrResolve(batch);
        }
    }

    /** Sends a batch (without held-back rows); answers false when sending must stop. */
    private boolean sendOrResolve(List<Readable> batch) throws SQLException {
        List<Readable> sendable = batch.stream()
                .filter(each -> each.row().partitionKey() == null || !heldKeys.contains(each.row().partitionKey())).toList();
        if (sendable.isEmpty()) {
            return true;
        }
        Exception error = relay.send(sendable.stream().map(Readable::event).toList());
        if (error == null) {
            sendable.forEach(each -> sentIds.add(each.row().id()));
            relay.storedSome();
            return true;
        }
        if (!refusedForGood(error)) {
            stop(sendable, redaction.message(error));
            return false;
        }
        if (sendable.size() == 1) {
            return parkRefused(sendable.get(0), error);
        }
        int half = sendable.size() / 2;
        return sendOrResolve(sendable.subList(0, half)) && sendOrResolve(sendable.subList(half, sendable.size()));
    }

    private boolean parkRefused(Readable refused, Exception refusal) throws SQLException {
        if (!relay.mayPark()) {
            // so many refusals with nothing stored between them look like a wrong configuration (certificate, address,
            // authorizations), not like bad events: park no more, keep the rows pending and back off until it is fixed
            stop(List.of(refused), settings.getMaxParkedInARow() + " events in a row were refused for good, the last with: "
                    + redaction.message(refusal) + "; this looks like a configuration error, so the relay parks no more and "
                    + "retries after a back-off until the service stores an event again");
            return false;
        }
        relay.parkedOne();
        park(refused.row(), redaction.message(refusal));
        return true;
    }

    private void park(OutboxStore.Row row, String error) throws SQLException {
        relay.park(connection, row, error);
        parked.add(new Parked(row, error));
        if (row.partitionKey() != null) {
            heldKeys.add(row.partitionKey());
        }
    }

    private void stop(List<Readable> batch, String why) {
        batch.forEach(each -> failedIds.add(each.row().id()));
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

    /** The rows parked, to report once the transaction committed. */
    List<Parked> parked() {
        return parked;
    }
}
