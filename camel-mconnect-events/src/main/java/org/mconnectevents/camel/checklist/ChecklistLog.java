package org.mconnectevents.camel.checklist;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Logs the checklists once the CamelContext has started, so that the first run against staging tells the integrator
 * what the operator will ask: one INFO line with the counts, and a WARN line per line not met. Items that depend on
 * traffic (ids, keys, clock) are not known yet at that moment; the dev console and JMX show them later.
 */
public final class ChecklistLog implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(ChecklistLog.class);

    private final AtomicBoolean logged = new AtomicBoolean();

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        if (alreadyStarted) {
            // added to a running context (the component was first used by a route added later): its routes run now
            log(context);
        }
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        log(context);
    }

    private void log(CamelContext context) {
        if (!logged.compareAndSet(false, true)) {
            return;
        }
        MConnectEventsChecklist checklist = MConnectEventsChecklist.of(context);
        LOG.info("{} (the whole report: the dev console mconnect-events, JMX, or MConnectEventsChecklist.of(context))",
                checklist.summary());
        for (ChecklistFinding line : checklist.notMet()) {
            LOG.warn("Not met, {} checklist, {}: {}: {}", line.item().checklist().name().toLowerCase(java.util.Locale.ROOT),
                    line.item().title(), line.subject(), line.evidence());
        }
    }
}
