package org.mconnectevents.camel.checklist;

/** How an application stands on one checklist item. */
public enum ChecklistState {
    /** Met, with the evidence that shows it. */
    MET,
    /** Not met: the evidence says what to change. */
    NOT_MET,
    /** Cannot be known from inside the application (or not yet: nothing was produced so far). */
    UNKNOWN
}
