package org.mconnectevents.camel.checklist;

import org.apache.camel.Route;
import org.apache.camel.health.HealthCheckAware;
import org.apache.camel.health.HealthCheckRegistry;
import org.mconnectevents.camel.MConnectEventsChannel;
import org.mconnectevents.camel.MConnectEventsConfiguration;
import org.mconnectevents.camel.MConnectEventsEndpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.mconnectevents.camel.checklist.ChecklistItem.CONFIRMATION;
import static org.mconnectevents.camel.checklist.ChecklistItem.DEAD_EVENTS_REPORTED;
import static org.mconnectevents.camel.checklist.ChecklistItem.IDEMPOTENT_CONSUMER;
import static org.mconnectevents.camel.checklist.ChecklistItem.MONITORED;
import static org.mconnectevents.camel.checklist.ChecklistItem.NEVER_DEAD_FOR_TECHNICAL_ERRORS;
import static org.mconnectevents.camel.checklist.ChecklistItem.SESSIONS_DIVIDE_12;
import static org.mconnectevents.camel.checklist.ChecklistItem.WEBSOCKET;
import static org.mconnectevents.camel.checklist.ChecklistState.MET;
import static org.mconnectevents.camel.checklist.ChecklistState.NOT_MET;
import static org.mconnectevents.camel.checklist.ChecklistState.UNKNOWN;

/**
 * The consumers' checklist, per route that consumes from an mconnect-events endpoint: confirmation, idempotency, dead
 * events, transport, how the group's sessions divide the 12 parts, and health checks.
 */
final class ConsumerChecks {

    private ConsumerChecks() {
    }

    static List<ChecklistFinding> of(ChecklistScope scope) {
        List<ChecklistFinding> findings = new ArrayList<>();
        Map<String, Integer> sessionsByGroup = new LinkedHashMap<>();
        for (Route route : scope.consumerRoutes()) {
            MConnectEventsEndpoint endpoint = (MConnectEventsEndpoint) route.getEndpoint();
            MConnectEventsConfiguration options = endpoint.getConfiguration();
            String subject = ChecklistScope.route(route);
            RouteFacts facts = scope.facts(route).orElse(null);
            findings.add(confirmation(subject, options));
            if (endpoint.getChannel() == MConnectEventsChannel.EVENTS) {
                findings.add(idempotent(subject, facts));
                findings.add(deadReported(subject, facts));
                findings.add(neverDeadForTechnicalErrors(subject, facts));
                sessionsByGroup.merge(group(endpoint), options.getConcurrentConsumers(), Integer::sum);
            }
            findings.add("websocket".equals(options.getTransport())
                    ? new ChecklistFinding(WEBSOCKET, MET, subject, "consumes over WebSocket")
                    : new ChecklistFinding(WEBSOCKET, NOT_MET, subject, "consumes by long polling, the operator's fallback:"
                            + " use transport=websocket, unless the network between here and the service refuses WebSocket"
                            + " (then tell the operator why)"));
            findings.add(monitored(scope, subject, route));
        }
        sessionsByGroup.forEach((group, sessions) -> findings.add(12 % sessions == 0
                ? new ChecklistFinding(SESSIONS_DIVIDE_12, MET, group, sessions + " sessions here, a divisor of 12 (other"
                        + " processes of the group add theirs, which cannot be seen from here)")
                : new ChecklistFinding(SESSIONS_DIVIDE_12, NOT_MET, group, sessions + " sessions here, not a divisor of 12:"
                        + " some sessions get more of the 12 parts than others; use 1, 2, 3, 4, 6 or 12 across the group")));
        return findings;
    }

    private static ChecklistFinding confirmation(String subject, MConnectEventsConfiguration options) {
        return options.isAutoConfirm()
                ? new ChecklistFinding(CONFIRMATION, MET, subject, "confirmed when each exchange completes, cumulatively,"
                        + " every " + options.getConfirmInterval() + " ms or " + options.getConfirmBatchSize() + " events")
                : new ChecklistFinding(CONFIRMATION, UNKNOWN, subject, "autoConfirm=false: the route confirms with the handle in"
                        + " the CamelMConnectEventsConfirmation header; whether every path does cannot be seen from here");
    }

    private static ChecklistFinding idempotent(String subject, RouteFacts facts) {
        if (facts == null) {
            return new ChecklistFinding(IDEMPOTENT_CONSUMER, UNKNOWN, subject, "the route has no definition to read");
        }
        if (facts.idempotentRepository() != null) {
            return new ChecklistFinding(IDEMPOTENT_CONSUMER, MET, subject, "idempotentConsumer with repository "
                    + facts.idempotentRepository());
        }
        if (facts.idempotentByNature() != null) {
            return new ChecklistFinding(IDEMPOTENT_CONSUMER, MET, subject, "declared idempotent by nature: "
                    + facts.idempotentByNature());
        }
        return new ChecklistFinding(IDEMPOTENT_CONSUMER, NOT_MET, subject, "no idempotentConsumer on the route and no route"
                + " property " + MConnectEventsChecklist.IDEMPOTENT_BY_NATURE + ": events come at least once, so its effect"
                + " can happen twice");
    }

    private static ChecklistFinding deadReported(String subject, RouteFacts facts) {
        if (facts == null) {
            return new ChecklistFinding(DEAD_EVENTS_REPORTED, UNKNOWN, subject, "the route has no definition to read");
        }
        if ("dead".equals(UriText.channel(facts.deadLetterUri()))) {
            return new ChecklistFinding(DEAD_EVENTS_REPORTED, MET, subject, "dead letter channel mconnect-events:dead");
        }
        if (!facts.sendsTo("dead").isEmpty()) {
            return new ChecklistFinding(DEAD_EVENTS_REPORTED, MET, subject, "a step sends to mconnect-events:dead");
        }
        return new ChecklistFinding(DEAD_EVENTS_REPORTED, NOT_MET, subject, "neither its dead letter channel nor any step"
                + " reports to mconnect-events:dead: an event that can never be processed comes again and again and holds"
                + " back the later events of its session");
    }

    private static ChecklistFinding neverDeadForTechnicalErrors(String subject, RouteFacts facts) {
        if (facts == null) {
            return new ChecklistFinding(NEVER_DEAD_FOR_TECHNICAL_ERRORS, UNKNOWN, subject, "the route has no definition to read");
        }
        String deadLetter = facts.deadLetterUri();
        if (deadLetter != null && !"dead".equals(UriText.channel(deadLetter))) {
            return new ChecklistFinding(NEVER_DEAD_FOR_TECHNICAL_ERRORS, NOT_MET, subject, "its dead letter channel "
                    + ChecklistScope.name(deadLetter) + " takes every failure, technical ones too, and the event is then"
                    + " confirmed: use mconnect-events:dead, which refuses technical failures and leaves them unconfirmed");
        }
        return new ChecklistFinding(NEVER_DEAD_FOR_TECHNICAL_ERRORS, MET, subject, deadLetter == null
                ? "no dead letter channel: an exchange that fails leaves its event unconfirmed, and it comes again"
                : "mconnect-events:dead refuses technical failures (technicalExceptions), which leave the event unconfirmed");
    }

    private static ChecklistFinding monitored(ChecklistScope scope, String subject, Route route) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(scope.context);
        if (registry == null || !registry.isEnabled()) {
            return new ChecklistFinding(MONITORED, NOT_MET, subject, "Camel's health checks are off: turn them on"
                    + " (camel.health.enabled) and expose readiness to the platform that runs this application");
        }
        if (!(route.getConsumer() instanceof HealthCheckAware aware) || aware.getHealthCheck() == null) {
            return new ChecklistFinding(MONITORED, NOT_MET, subject, "the consumer's health check is off"
                    + " (healthCheckConsumerEnabled=false on the component)");
        }
        boolean consumersOff = registry.getRepository("consumers").map(repository -> !repository.isEnabled()).orElse(false);
        return consumersOff
                ? new ChecklistFinding(MONITORED, NOT_MET, subject, "the consumer has a readiness check, but Camel's consumers"
                        + " health checks are off (camel.health.consumers-enabled)")
                : new ChecklistFinding(MONITORED, MET, subject, "readiness check consumer:" + route.getRouteId()
                        + " (connected or reconnecting), never liveness; the runtime exposes it with Camel's readiness");
    }

    /** A group as the report names it: the client (by its certificate or key store) and the group's name. */
    private static String group(MConnectEventsEndpoint endpoint) {
        var certificate = endpoint.getCertificate();
        String client = certificate != null ? certificate.subject()
                : endpoint.getConfiguration().getKeyStore() != null ? endpoint.getConfiguration().getKeyStore() : "the component's certificate";
        String group = endpoint.getConfiguration().getGroup();
        return "group " + (group == null ? "~default" : group) + " of " + client;
    }
}
