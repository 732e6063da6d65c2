package org.mconnectevents.soak.driver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The soak's outcome: the counts, the chaos that happened, the time taken, and the verdict (every broken promise by
 * name). Printed as text and written as JSON ({@code soak-report.json}) for comparing runs.
 */
public final class SoakReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode json = JSON.createObjectNode();
    private final List<String> failures = new ArrayList<>();

    SoakReport(SoakOptions options, Instant started) {
        ObjectNode settings = json.putObject("options");
        settings.put("events", options.events()).put("keys", options.keys()).put("badEvents", options.badEvents())
                .put("poisonEvents", options.poisonEvents()).put("producers", options.producers())
                .put("consumers", options.consumers()).put("senders", options.senders())
                .put("killInterval", options.killsOn() ? options.killMin().toSeconds() + "-" + options.killMax().toSeconds() + " s" : "none")
                .put("databaseOutage", options.outage().toSeconds() + " s").put("faults", options.faults())
                .put("consumeAfterLoad", options.consumeAfterLoad()).put("longPolling", options.longPolling());
        json.put("started", started.toString());
    }

    /** A failure that stopped the soak before it could count (the verdict fails). */
    void failed(String why) {
        failures.add(why);
    }

    void load(Load load, boolean completed, Duration took) {
        ObjectNode node = json.putObject("load");
        node.put("requestsAccepted", load.accepted()).put("attempts", load.attempts())
                .put("failedAttempts", load.failedAttempts()).put("seconds", seconds(took));
        if (!completed) {
            failures.add("timeout: the load did not finish within the soak's duration");
        }
    }

    void chaos(Chaos chaos, SoakCluster cluster) {
        ObjectNode node = json.putObject("chaos");
        node.put("kills", chaos.kills().size());
        node.put("restarts", chaos.kills().size() + chaos.exitedByThemselves().size());
        chaos.kills().forEach(node.putArray("killed")::add);
        chaos.exitedByThemselves().forEach(node.putArray("exitedByThemselves")::add);
        node.put("faultSwitches", chaos.faultSwitches());
        node.put("processStarts", cluster.starts());
        if (chaos.outageStarted() != null && chaos.outageEnded() != null) {
            node.putObject("databaseOutage").put("stopped", chaos.outageStarted().toString())
                    .put("startedAgain", chaos.outageEnded().toString())
                    .put("seconds", seconds(Duration.between(chaos.outageStarted(), chaos.outageEnded())));
        }
        chaos.problems().forEach(problem -> failures.add("chaos: " + problem));
        if (!chaos.exitedByThemselves().isEmpty()) {
            failures.add("processes exited without being killed: " + chaos.exitedByThemselves());
        }
    }

    /**
     * What the investigation of a failure needs, taken before the database is dropped: the requests the driver had
     * accepted that are not stored, and the order violations with the effects of their keys.
     */
    void evidence(List<String> acceptedNotStored, List<String> violations) {
        ObjectNode node = json.putObject("evidence");
        acceptedNotStored.forEach(node.putArray("acceptedNotStored")::add);
        violations.forEach(node.putArray("orderViolations")::add);
        check(acceptedNotStored.isEmpty(), acceptedNotStored.size() + " requests answered 200 but not stored: "
                + acceptedNotStored.subList(0, Math.min(10, acceptedNotStored.size())));
    }

    /** The counts after the drain, and the verdict on them. */
    void counts(Counts c, Set<String> expectedDead, Set<String> acceptedByDriver, boolean drained, Duration total) {
        ObjectNode producers = json.putObject("producers");
        producers.put("requestsAccepted", c.requests()).put("badRequestsAccepted", c.badRequests())
                .put("outboxWritten", c.outboxWritten()).put("outboxSent", c.outboxSent())
                .put("outboxParked", c.outboxParked()).put("outboxUnsent", c.outboxUnsent());
        ObjectNode emulator = json.putObject("emulator");
        emulator.put("eventsStored", c.stored()).put("producedIncludingRetries", c.produced())
                .put("duplicatesStoredByRetries", c.stored() - c.outboxSent()).put("poisonInjected", c.injected())
                .put("delivered", c.delivered()).put("redeliveries", c.delivered() - c.stored() - c.injected())
                .put("pending", c.pending()).put("inFlight", c.inFlight()).put("deadReports", c.deadReports());
        ObjectNode consumers = json.putObject("consumers");
        consumers.put("effectsApplied", c.effects()).put("eventsApplied", c.eventsApplied())
                .put("duplicatesSuppressed", c.duplicatesSuppressed()).put("personalDataRecords", c.personalData());
        ObjectNode dead = consumers.putObject("dead");
        c.dead().forEach(dead::put);
        ObjectNode verdict = json.putObject("verdict");
        long lost = c.lostGood() + c.missingDead(expectedDead).size();
        verdict.put("lost", lost).put("duplicateEffects", c.duplicateEffects()).put("orderViolations", c.violations());
        c.lostSample().forEach(verdict.putArray("lostSample")::add);
        check(drained, "timeout: the drain did not finish within the drain timeout");
        check(lost == 0, lost + " lost: accepted requests whose event was neither applied nor dead " + c.lostSample()
                + c.missingDead(expectedDead));
        check(c.duplicateEffects() == 0, c.duplicateEffects() + " events applied more than once");
        check(c.violations() == 0, c.violations() + " events applied out of their key's sequence");
        check(c.unexpectedDead(expectedDead).isEmpty(), "dead but not bad: " + c.unexpectedDead(expectedDead));
        check(c.dead().size() == expectedDead.size(), c.dead().size() + " distinct dead events, "
                + expectedDead.size() + " bad ones sent");
        check(c.requests() == acceptedByDriver.size(), c.requests() + " requests stored, the driver had "
                + acceptedByDriver.size() + " accepted");
        check(c.outboxUnsent() == 0 && c.outboxParked() == 0, c.outboxUnsent() + " outbox rows unsent, "
                + c.outboxParked() + " parked");
        check(c.pending() == 0 && c.inFlight() == 0, "the emulator still has " + c.pending() + " pending and "
                + c.inFlight() + " in flight");
        check(c.personalData() == c.effects() && c.eventsWithoutRecord() == 0, c.personalData()
                + " personal-data records for " + c.effects() + " effects (" + c.eventsWithoutRecord() + " without one)");
        ObjectNode time = json.putObject("time");
        time.put("seconds", seconds(total));
        time.put("eventsPerSecond", Math.round(c.eventsApplied() / Math.max(0.001, total.toMillis() / 1000.0)));
        // the consumers' pace: from the first effect applied to the last
        time.put("applyingSeconds", c.applyingMillis() / 1000.0);
        time.put("appliedPerSecond", Math.round(c.eventsApplied() / Math.max(0.001, c.applyingMillis() / 1000.0)));
    }

    private void check(boolean holds, String otherwise) {
        if (!holds) {
            failures.add(otherwise);
        }
    }

    /** True when every promise held. */
    public boolean passed() {
        return failures.isEmpty();
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** The report as JSON (the file's content). */
    public String json() {
        ObjectNode copy = json.deepCopy();
        copy.put("passed", passed());
        failures.forEach(copy.putArray("failures")::add);
        try {
            return JSON.writeValueAsString(copy);
        } catch (IOException e) {
            throw new IllegalStateException("could not write the soak's report as JSON", e);
        }
    }

    void write(Path file) throws IOException {
        Files.writeString(file, json());
    }

    private static double seconds(Duration duration) {
        return Math.round(duration.toMillis() / 100.0) / 10.0;
    }
}
