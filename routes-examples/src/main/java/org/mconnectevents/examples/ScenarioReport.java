package org.mconnectevents.examples;

import org.mconnectevents.camel.checklist.MConnectEventsChecklist;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * What the scenario observed. An event is lost when it was produced and, by the time the scenario ended, neither stored
 * by the consumer nor reported dead as the script meant (a good event reported dead counts as lost).
 *
 * @param consumer             which consumer ran (the description of the route {@code order-consumer})
 * @param produced             distinct events produced (a resent event counts once)
 * @param consumed             events the consumer stored (one business row each)
 * @param duplicatesSuppressed deliveries the consumer skipped because it had processed the event before
 * @param deadReported         dead events reviewed, by id, with the reason they were reported
 * @param personalDataRecords  records of personal-data processing written
 * @param refusedConnections   database connections refused during the outage
 * @param lost                 the ids of the events lost
 * @param completed            whether everything arrived within the scenario's time bound
 * @param took                 how long the scenario ran
 * @param checklist            the operator's checklists as the application met them at the end
 */
public record ScenarioReport(String consumer, int produced, long consumed, long duplicatesSuppressed, Map<String, String> deadReported,
                             long personalDataRecords, long refusedConnections, Set<String> lost, boolean completed,
                             Duration took, MConnectEventsChecklist checklist) {

    /** Nothing lost, within the time bound. */
    public boolean succeeded() {
        return completed && lost.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("\n=== MConnect Events example: what happened ===\n");
        text.append("  consumer: ").append(consumer).append('\n');
        line(text, "events produced", produced);
        line(text, "events consumed and stored", consumed);
        line(text, "duplicate deliveries suppressed", duplicatesSuppressed);
        line(text, "dead events reported", deadReported.size());
        deadReported.forEach((id, reason) -> text.append("      ").append(id).append(": ").append(reason).append('\n'));
        line(text, "personal-data records", personalDataRecords);
        line(text, "connections refused in the outage", refusedConnections);
        line(text, "events lost", lost.size());
        lost.forEach(id -> text.append("      ").append(id).append('\n'));
        text.append("  ").append(checklist.summary()).append('\n');
        checklist.notMet().forEach(line -> text.append("      ").append(line).append('\n'));
        text.append(succeeded() ? "OK: every event was processed or reported dead, in " + took.toMillis() + " ms\n"
                : completed ? "FAILED: events were lost\n"
                : "FAILED: the scenario did not complete within its time bound (example.scenario.timeout)\n");
        return text.toString();
    }

    private static void line(StringBuilder text, String label, long value) {
        text.append(String.format("  %-36s %d%n", label, value));
    }
}
