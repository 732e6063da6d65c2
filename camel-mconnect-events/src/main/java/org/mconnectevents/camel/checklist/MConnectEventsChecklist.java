package org.mconnectevents.camel.checklist;

import org.apache.camel.CamelContext;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The operator's checklists (general, producers, consumers) as this application meets them, judged from its routes,
 * the mconnect-events endpoints' configuration and what they saw so far: one {@link ChecklistFinding} per item and
 * subject, met, not met, or not known from here, with its evidence. The component logs it when the CamelContext has
 * started and shows it in its dev console and through JMX; a test asserts it:
 * <pre>
 * MConnectEventsChecklist.of(context).assertMet(ChecklistItem.OUTBOX, ChecklistItem.IDEMPOTENT_CONSUMER);
 * </pre>
 * A report is a snapshot: ask again for one that includes later traffic.
 */
public final class MConnectEventsChecklist {

    /**
     * The route property that declares a consuming route's effect idempotent by nature (setting a value, say), its value
     * saying why: {@code from("mconnect-events:events").routeProperty(IDEMPOTENT_BY_NATURE, "sets the latest address")}.
     */
    public static final String IDEMPOTENT_BY_NATURE = "mconnectEventsIdempotentByNature";

    private final List<ChecklistFinding> findings;

    private MConnectEventsChecklist(List<ChecklistFinding> findings) {
        this.findings = List.copyOf(findings);
    }

    /** The report for this context, now. */
    public static MConnectEventsChecklist of(CamelContext context) {
        ChecklistScope scope = new ChecklistScope(context);
        List<ChecklistFinding> findings = new ArrayList<>();
        findings.addAll(GeneralChecks.of(scope));
        findings.addAll(ProducerChecks.of(scope));
        findings.addAll(ConsumerChecks.of(scope));
        return new MConnectEventsChecklist(findings);
    }

    /** Every line, general first, then producers, then consumers. */
    public List<ChecklistFinding> findings() {
        return findings;
    }

    /** The lines of one item (none when the application has no subject for it: no producer, say). */
    public List<ChecklistFinding> findings(ChecklistItem item) {
        return findings.stream().filter(finding -> finding.item() == item).toList();
    }

    /** The lines not met. */
    public List<ChecklistFinding> notMet() {
        return findings.stream().filter(finding -> finding.state() == ChecklistState.NOT_MET).toList();
    }

    /**
     * How the application stands on an item: not met when any line is, else not known when any line is (or there is
     * none), else met.
     */
    public ChecklistState state(ChecklistItem item) {
        List<ChecklistFinding> lines = findings(item);
        if (lines.stream().anyMatch(line -> line.state() == ChecklistState.NOT_MET)) {
            return ChecklistState.NOT_MET;
        }
        if (lines.isEmpty() || lines.stream().anyMatch(line -> line.state() == ChecklistState.UNKNOWN)) {
            return ChecklistState.UNKNOWN;
        }
        return ChecklistState.MET;
    }

    /**
     * Fails with an {@link AssertionError} listing every line of the given items that is not met, or not known, or the
     * items the application has no subject for; answers this report for more assertions.
     */
    public MConnectEventsChecklist assertMet(ChecklistItem... items) {
        List<String> problems = new ArrayList<>();
        for (ChecklistItem item : items) {
            List<ChecklistFinding> lines = findings(item);
            if (lines.isEmpty()) {
                problems.add(item + " (" + item.title() + "): nothing in this application to judge it on");
            }
            lines.stream().filter(line -> line.state() != ChecklistState.MET).map(ChecklistFinding::toString).forEach(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("The application does not meet " + problems.size() + " line(s) of the operator's"
                    + " checklists it was asked to:\n  " + String.join("\n  ", problems));
        }
        return this;
    }

    /** How many lines are in each state. */
    public Map<ChecklistState, Long> counts() {
        Map<ChecklistState, Long> counts = new EnumMap<>(ChecklistState.class);
        Arrays.stream(ChecklistState.values()).forEach(state -> counts.put(state, 0L));
        findings.forEach(finding -> counts.merge(finding.state(), 1L, Long::sum));
        return counts;
    }

    /** One line: how many lines are met, not met and not known. */
    public String summary() {
        Map<ChecklistState, Long> counts = counts();
        return "MConnect Events checklists: " + counts.get(ChecklistState.MET) + " met, " + counts.get(ChecklistState.NOT_MET)
                + " not met, " + counts.get(ChecklistState.UNKNOWN) + " not known from here";
    }

    /** The whole report as text, a line per finding. */
    public String toText() {
        return summary() + "\n" + findings.stream().map(ChecklistFinding::toString).collect(Collectors.joining("\n"));
    }

    /** The whole report as JSON: {@code {"met": n, "notMet": n, "unknown": n, "findings": [...]}}. */
    public JsonObject toJson() {
        Map<ChecklistState, Long> counts = counts();
        JsonObject json = new JsonObject();
        json.put("met", counts.get(ChecklistState.MET));
        json.put("notMet", counts.get(ChecklistState.NOT_MET));
        json.put("unknown", counts.get(ChecklistState.UNKNOWN));
        JsonArray lines = new JsonArray();
        for (ChecklistFinding finding : findings) {
            JsonObject line = new JsonObject();
            line.put("checklist", finding.item().checklist().name());
            line.put("item", finding.item().name());
            line.put("title", finding.item().title());
            line.put("state", finding.state().name());
            line.put("subject", finding.subject());
            line.put("evidence", finding.evidence());
            lines.add(line);
        }
        json.put("findings", lines);
        return json;
    }

    @Override
    public String toString() {
        return toText();
    }
}
