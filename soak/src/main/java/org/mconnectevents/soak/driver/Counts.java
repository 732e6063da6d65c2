package org.mconnectevents.soak.driver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the database and the emulator say at one moment, read the same way during the drain and for the report.
 *
 * @param requests          business requests accepted (rows of {@code soak_request}), bad ones included
 * @param badRequests       of which structurally bad on purpose
 * @param outboxWritten     outbox rows written
 * @param outboxSent        of which sent
 * @param outboxParked      of which parked (refused for good)
 * @param outboxUnsent      neither sent nor parked
 * @param effects           business effects applied (rows of {@code soak_effect})
 * @param eventsApplied     distinct events applied
 * @param duplicateEffects  events applied more than once
 * @param duplicatesSuppressed deliveries the idempotent repository recognised
 * @param violations        events applied out of their key's sequence
 * @param personalData      personal-data records
 * @param eventsWithoutRecord distinct events applied without a personal-data record
 * @param lostGood          good requests accepted whose event was not applied
 * @param lostSample        a few of those request ids, for the investigation
 * @param produced          events the emulator stored for producers (duplicates of retries included)
 * @param stored            events stored for the consumer client
 * @param injected          poison frames injected into its stream
 * @param delivered         events delivered to its sessions (redeliveries included)
 * @param pending           events of group soak not yet delivered
 * @param inFlight          events of group soak delivered, not yet confirmed
 * @param dead              distinct dead events reported (by id), each with its reason
 * @param deadReports       dead reports received (one event reported twice counts twice)
 * @param applyingMillis    from the first effect applied to the last
 */
record Counts(long requests, long badRequests, long outboxWritten, long outboxSent, long outboxParked, long outboxUnsent,
              long effects, long eventsApplied, long duplicateEffects, long duplicatesSuppressed, long violations,
              long personalData, long eventsWithoutRecord, long lostGood, List<String> lostSample, long produced,
              long stored, long injected, long delivered, long pending, long inFlight, Map<String, String> dead,
              long deadReports, long applyingMillis) {

    static Counts read(PostgreSql db, EmulatorAdmin emulator) throws SQLException, IOException {
        JsonNode state = emulator.state();
        JsonNode consumer = state.path("clients").path(SoakCluster.CONSUMER_CLIENT);
        JsonNode group = consumer.path("groups").path("soak");
        Map<String, String> dead = new LinkedHashMap<>();
        JsonNode deadEvents = emulator.deadEvents(SoakCluster.CONSUMER_CLIENT);
        deadEvents.forEach(event -> dead.putIfAbsent(event.path("id").asText(), event.path("deadreason").asText()));
        String notApplied = "FROM soak_request r WHERE NOT r.bad AND NOT EXISTS "
                + "(SELECT 1 FROM soak_effect e WHERE e.event_id = r.request_id)";
        return db.snapshot(snapshot -> new Counts(
                snapshot.count("SELECT count(*) FROM soak_request"),
                snapshot.count("SELECT count(*) FROM soak_request WHERE bad"),
                snapshot.count("SELECT count(*) FROM mconnect_outbox"),
                snapshot.count("SELECT count(*) FROM mconnect_outbox WHERE sent_at IS NOT NULL"),
                snapshot.count("SELECT count(*) FROM mconnect_outbox WHERE parked_at IS NOT NULL"),
                snapshot.count("SELECT count(*) FROM mconnect_outbox WHERE sent_at IS NULL AND parked_at IS NULL"),
                snapshot.count("SELECT count(*) FROM soak_effect"),
                snapshot.count("SELECT count(DISTINCT event_id) FROM soak_effect"),
                snapshot.count("SELECT count(*) FROM (SELECT event_id FROM soak_effect GROUP BY event_id HAVING count(*) > 1) d"),
                snapshot.count("SELECT count(*) FROM soak_duplicate"),
                snapshot.count("SELECT count(*) FROM soak_violation"),
                snapshot.count("SELECT count(*) FROM mconnect_personal_data_record"),
                snapshot.count("SELECT count(DISTINCT e.event_id) FROM soak_effect e WHERE NOT EXISTS "
                        + "(SELECT 1 FROM mconnect_personal_data_record p WHERE p.event_id = e.event_id)"),
                snapshot.count("SELECT count(*) " + notApplied),
                snapshot.strings("SELECT r.request_id " + notApplied + " ORDER BY r.request_id LIMIT 10"),
                state.path("produced").asLong(),
                consumer.path("stored").asLong(),
                consumer.path("injected").asLong(),
                consumer.path("delivered").asLong(),
                group.path("pending").asLong(),
                group.path("inFlight").asLong(),
                dead,
                deadEvents.size(),
                snapshot.count("SELECT COALESCE(EXTRACT(EPOCH FROM max(applied_at) - min(applied_at)) * 1000, 0)::bigint "
                        + "FROM soak_effect")));
    }

    /** Whether everything sent came through: nothing waiting anywhere, every good event applied, every bad one dead. */
    boolean drained(Set<String> expectedDead) {
        return outboxUnsent == 0 && lostGood == 0 && pending == 0 && inFlight == 0
                && dead.keySet().containsAll(expectedDead);
    }

    /** The expected dead events not reported dead. */
    Set<String> missingDead(Set<String> expectedDead) {
        Set<String> missing = new TreeSet<>(expectedDead);
        missing.removeAll(dead.keySet());
        return missing;
    }

    /** The dead events that were not expected to be. */
    Set<String> unexpectedDead(Set<String> expectedDead) {
        Set<String> unexpected = new TreeSet<>(dead.keySet());
        unexpected.removeAll(expectedDead);
        return unexpected;
    }
}
