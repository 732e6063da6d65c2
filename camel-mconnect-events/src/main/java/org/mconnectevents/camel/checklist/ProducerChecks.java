package org.mconnectevents.camel.checklist;

import org.mconnectevents.camel.MConnectEventsBacklog;
import org.mconnectevents.camel.MConnectEventsConfiguration;
import org.mconnectevents.camel.MConnectEventsEndpoint;
import org.mconnectevents.camel.MConnectEventsProducedEvents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.mconnectevents.camel.checklist.ChecklistItem.CONSISTENT_TIME;
import static org.mconnectevents.camel.checklist.ChecklistItem.OUTBOX;
import static org.mconnectevents.camel.checklist.ChecklistItem.PERSONAL_DATA;
import static org.mconnectevents.camel.checklist.ChecklistItem.SIZES;
import static org.mconnectevents.camel.checklist.ChecklistItem.SOURCE_URI;
import static org.mconnectevents.camel.checklist.ChecklistItem.UNIQUE_IDS;
import static org.mconnectevents.camel.checklist.ChecklistItem.VARIED_PARTITION_KEYS;
import static org.mconnectevents.camel.checklist.ChecklistState.MET;
import static org.mconnectevents.camel.checklist.ChecklistState.NOT_MET;
import static org.mconnectevents.camel.checklist.ChecklistState.UNKNOWN;

/**
 * The producers' checklist, for an application that produces events: from its routes (outbox or direct sends), its
 * endpoints' options, and what its producers saw (ids, partition keys, the service's clock).
 */
final class ProducerChecks {

    /** The service's limits: an endpoint may lower them, never raise them. */
    private static final int SERVICE_EVENT_LIMIT = 64 * 1024;
    private static final int SERVICE_REQUEST_LIMIT = 1024 * 1024;
    /** Fewer events than this say nothing about how keys spread. */
    private static final int KEYS_NEEDED = 100;

    private ProducerChecks() {
    }

    static List<ChecklistFinding> of(ChecklistScope scope) {
        List<ChecklistFinding> findings = new ArrayList<>();
        List<MConnectEventsEndpoint> producers = scope.producers();
        List<RouteFacts> direct = scope.routes.stream().filter(route -> !route.sendsTo("events").isEmpty()).toList();
        List<MConnectEventsBacklog> outboxes = scope.component == null ? List.of() : scope.component.getBacklogs();
        if (producers.isEmpty() && direct.isEmpty() && outboxes.isEmpty()) {
            return findings; // this application produces nothing
        }
        outbox(direct, outboxes, producers, findings);
        for (MConnectEventsEndpoint producer : producers) {
            String subject = ChecklistScope.name(producer);
            MConnectEventsConfiguration options = producer.getConfiguration();
            MConnectEventsProducedEvents.Snapshot sent = producer.getProducedEvents().snapshot();
            findings.add(new ChecklistFinding(SOURCE_URI, MET, subject, "checked before sending: an event whose source is"
                    + " not a URI is refused, naming the event and the rule"));
            findings.add(uniqueIds(subject, sent));
            findings.add(consistentTime(subject, producer));
            findings.add(variedKeys(subject, sent, options.getPartitionKeyShareWarning()));
            findings.add(sizes(subject, options));
        }
        List<MConnectEventsEndpoint> checked = producers.stream()
                .filter(producer -> producer.getConfiguration().getProducedEventCheck() != null).toList();
        checked.forEach(producer -> findings.add(personalData(ChecklistScope.name(producer), producer.getProducedEvents().snapshot())));
        if (checked.isEmpty()) {
            findings.add(new ChecklistFinding(PERSONAL_DATA, UNKNOWN, "application", "which data subjects an event type names"
                    + " is agreed with its consumers, whose personal-data record refuses an event that lacks them; set"
                    + " producedEventCheck (PersonalDataPolicy.producerCheck() of the building blocks) to check it here"));
        }
        return findings;
    }

    private static void outbox(List<RouteFacts> direct, List<MConnectEventsBacklog> outboxes,
                               List<MConnectEventsEndpoint> producers, List<ChecklistFinding> findings) {
        for (RouteFacts route : direct) {
            findings.add(new ChecklistFinding(OUTBOX, NOT_MET, "route " + route.routeId(), "sends to mconnect-events:events"
                    + " directly: an event is lost when the process stops between the business write and the send; write an"
                    + " outbox row in the business transaction and let the relay send it"));
        }
        for (MConnectEventsBacklog outbox : outboxes) {
            findings.add(new ChecklistFinding(OUTBOX, MET, "outbox " + outbox.name(), "a relay sends the rows written in the"
                    + " business transactions, in order, marking them sent"));
        }
        List<MConnectEventsEndpoint> relayed = outboxes.isEmpty()
                ? producers.stream().filter(MConnectEventsEndpoint::hasOutboxRelay).toList() : List.of();
        for (MConnectEventsEndpoint endpoint : relayed) {
            findings.add(new ChecklistFinding(OUTBOX, MET, ChecklistScope.name(endpoint), "an outbox relay sends the rows"
                    + " written in the business transactions through this endpoint"));
        }
        if (direct.isEmpty() && outboxes.isEmpty() && relayed.isEmpty() && !producers.isEmpty()) {
            findings.add(new ChecklistFinding(OUTBOX, NOT_MET, "application", "events are produced from outside any route"
                    + " (a ProducerTemplate) and no outbox relay runs"));
        }
    }

    private static ChecklistFinding uniqueIds(String subject, MConnectEventsProducedEvents.Snapshot sent) {
        if (sent.events() == 0) {
            return new ChecklistFinding(UNIQUE_IDS, UNKNOWN, subject, "nothing produced yet");
        }
        if (sent.idsReused() > 0) {
            String reused = sent.idsReused() == 1 ? "1 event" : sent.idsReused() + " events";
            return new ChecklistFinding(UNIQUE_IDS, NOT_MET, subject, reused + " re-used the source and id"
                    + " of an earlier one with other content, the last " + sent.lastReusedId() + ": an id stands for one event"
                    + " of its source, and consumers drop the second as a duplicate");
        }
        return new ChecklistFinding(UNIQUE_IDS, MET, subject, "no id re-used with other content among the last "
                + Math.min(sent.events(), MConnectEventsProducedEvents.ID_WINDOW) + " events");
    }

    private static ChecklistFinding personalData(String subject, MConnectEventsProducedEvents.Snapshot sent) {
        if (sent.eventsChecked() == 0) {
            return new ChecklistFinding(PERSONAL_DATA, UNKNOWN, subject, "nothing produced yet");
        }
        if (sent.eventsLacking() > 0) {
            return new ChecklistFinding(PERSONAL_DATA, NOT_MET, subject, sent.eventsLacking() + " of " + sent.eventsChecked()
                    + " events checked lacked what their consumers must record, the last: " + sent.lastLack());
        }
        return new ChecklistFinding(PERSONAL_DATA, MET, subject, "all " + sent.eventsChecked() + " events checked carried"
                + " what their consumers must record");
    }

    private static ChecklistFinding consistentTime(String subject, MConnectEventsEndpoint producer) {
        long allowed = producer.getConfiguration().getClockSkewWarning();
        return producer.getServiceClockReading().<ChecklistFinding>map(reading -> {
            Duration skew = reading.skew();
            String words = Math.abs(skew.toMillis()) < 1000 ? "agrees with the service's clock"
                    : "is " + seconds(skew.abs()) + (skew.isNegative() ? " ahead of" : " behind") + " the service's";
            return Math.abs(skew.toMillis()) > allowed
                    ? new ChecklistFinding(CONSISTENT_TIME, NOT_MET, subject, "this machine's clock " + words + " (Date of"
                            + " its last answer; allowed " + seconds(Duration.ofMillis(allowed)) + "): synchronise it, so that"
                            + " every producer of a source fills time alike")
                    : new ChecklistFinding(CONSISTENT_TIME, MET, subject, "this machine's clock " + words
                            + " (Date of its last answer)");
        }).orElseGet(() -> new ChecklistFinding(CONSISTENT_TIME, UNKNOWN, subject, "no answer from the service yet"));
    }

    private static ChecklistFinding variedKeys(String subject, MConnectEventsProducedEvents.Snapshot sent, double allowedShare) {
        int recent = sent.recentEvents();
        if (recent < KEYS_NEEDED) {
            return new ChecklistFinding(VARIED_PARTITION_KEYS, UNKNOWN, subject, recent + " events so far; the spread of"
                    + " keys is judged on " + KEYS_NEEDED + " or more");
        }
        if (sent.distinctKeys() == 0) {
            return new ChecklistFinding(VARIED_PARTITION_KEYS, UNKNOWN, subject, "none of the last " + recent + " events"
                    + " carried a partitionkey: right where their order does not matter, else give each entity its key");
        }
        double share = (double) sent.largestKeyEvents() / recent;
        String spread = sent.distinctKeys() + " keys over the last " + recent + " events, the most frequent carrying "
                + percent(share) + (sent.withoutKey() > 0 ? ", " + sent.withoutKey() + " events without a key" : "");
        return share > allowedShare
                ? new ChecklistFinding(VARIED_PARTITION_KEYS, NOT_MET, subject, spread + " (allowed " + percent(allowedShare)
                        + "): a key that carries most events keeps the service from spreading them over its partitions")
                : new ChecklistFinding(VARIED_PARTITION_KEYS, MET, subject, spread);
    }

    private static ChecklistFinding sizes(String subject, MConnectEventsConfiguration options) {
        String limits = "events of at most " + options.getMaxEventSize() + " bytes and requests of at most "
                + options.getMaxRequestSize() + " bytes";
        return options.getMaxEventSize() <= SERVICE_EVENT_LIMIT && options.getMaxRequestSize() <= SERVICE_REQUEST_LIMIT
                ? new ChecklistFinding(SIZES, MET, subject, "checked before sending: " + limits)
                : new ChecklistFinding(SIZES, NOT_MET, subject, limits + " is above the service's 64 KB and 1 MB: the"
                        + " service refuses what passes here");
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    private static String percent(double share) {
        return Math.round(share * 100) + " %";
    }
}
