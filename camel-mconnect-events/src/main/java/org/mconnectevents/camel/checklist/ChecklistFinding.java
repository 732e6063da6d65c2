package org.mconnectevents.camel.checklist;

/**
 * One line of the report: an item, for one subject (an endpoint, a route, a certificate or the application), its state
 * and the evidence. Never event data nor a secret: endpoint URIs are shown with their secrets masked, events by their
 * source and id, partition keys never.
 *
 * @param item     the checklist item
 * @param state    met, not met, or not known from here
 * @param subject  what the line is about, e.g. {@code route orders-consumer} or {@code mconnect-events://events}
 * @param evidence why, in words an integrator can act on
 */
public record ChecklistFinding(ChecklistItem item, ChecklistState state, String subject, String evidence) {

    @Override
    public String toString() {
        return String.format("%-7s %s, %s: %s: %s", state, item.checklist().name().toLowerCase(java.util.Locale.ROOT),
                item.title(), subject, evidence);
    }
}
