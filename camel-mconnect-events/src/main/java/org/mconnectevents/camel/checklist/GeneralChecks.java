package org.mconnectevents.camel.checklist;

import org.apache.camel.util.StringHelper;
import org.mconnectevents.camel.MConnectEventsCertificate;
import org.mconnectevents.camel.MConnectEventsEndpoint;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.mconnectevents.camel.checklist.ChecklistItem.CERTIFICATE_PER_ENVIRONMENT;
import static org.mconnectevents.camel.checklist.ChecklistItem.CERTIFICATE_REMINDER;
import static org.mconnectevents.camel.checklist.ChecklistItem.CONFIGURED_CONNECTION;
import static org.mconnectevents.camel.checklist.ChecklistItem.INTERMEDIATES_SENT;
import static org.mconnectevents.camel.checklist.ChecklistItem.STABLE_SOURCE_ADDRESS;
import static org.mconnectevents.camel.checklist.ChecklistState.MET;
import static org.mconnectevents.camel.checklist.ChecklistState.NOT_MET;
import static org.mconnectevents.camel.checklist.ChecklistState.UNKNOWN;

/** The general checklist: configuration, the client certificate and its environment. */
final class GeneralChecks {

    /** Options that differ per environment and so belong in configuration, not in a route. */
    private static final List<String> CONNECTION_OPTIONS = List.of("baseAddress", "keyStore", "keyStorePassword",
            "certificateFile", "privateKeyFile", "trustStore", "trustStorePassword");
    private static final Set<String> STAGING_HOSTS = Set.of("mconnect-events.staging.egov.md", "mconnectevents.staging.egov.md");
    private static final Set<String> PRODUCTION_HOSTS = Set.of("mconnect-events.gov.md");
    private static final String APPLICATION = "application";

    private GeneralChecks() {
    }

    static List<ChecklistFinding> of(ChecklistScope scope) {
        List<ChecklistFinding> findings = new ArrayList<>();
        configuredConnection(scope, findings);
        certificates(scope, findings);
        environments(scope, findings);
        findings.add(new ChecklistFinding(STABLE_SOURCE_ADDRESS, UNKNOWN, APPLICATION,
                "the service admits registered addresses only; nothing a client can see"));
        return findings;
    }

    private static void configuredConnection(ChecklistScope scope, List<ChecklistFinding> findings) {
        int before = findings.size();
        for (RouteFacts route : scope.routes) {
            List<String> uris = new ArrayList<>(route.sends());
            uris.add(route.input());
            for (String uri : uris) {
                if (UriText.channel(uri) == null) {
                    continue;
                }
                Map<String, String> options = UriText.options(uri);
                for (String option : CONNECTION_OPTIONS) {
                    if (UriText.literal(options.get(option))) {
                        findings.add(new ChecklistFinding(CONFIGURED_CONNECTION, NOT_MET, "route " + route.routeId(),
                                "its URI " + UriText.channel(uri) + " endpoint gives " + option + " as a literal: set it once with"
                                        + " camel.component.mconnect-events." + StringHelper.camelCaseToDash(option) + " (or a {{property}}), so that"
                                        + " each environment configures its own"));
                    }
                }
            }
        }
        if (findings.size() == before) {
            findings.add(new ChecklistFinding(CONFIGURED_CONNECTION, MET, APPLICATION, "no route gives the base address or the"
                    + " certificate in its URI: they come from the component's configuration or from property placeholders"));
        }
    }

    private static void certificates(ChecklistScope scope, List<ChecklistFinding> findings) {
        List<MConnectEventsCertificate> certificates = scope.component == null ? List.of() : scope.component.getCertificates();
        if (certificates.isEmpty()) {
            findings.add(new ChecklistFinding(INTERMEDIATES_SENT, UNKNOWN, APPLICATION, "no endpoint has opened its client certificate yet"));
            findings.add(new ChecklistFinding(CERTIFICATE_REMINDER, UNKNOWN, APPLICATION, "no endpoint has opened its client certificate yet"));
            return;
        }
        for (MConnectEventsCertificate certificate : certificates) {
            String subject = "certificate " + certificate.subject() + " (serial " + certificate.serialNumber() + ")";
            int intermediates = certificate.chainLength() - 1;
            findings.add(intermediates > 0
                    ? new ChecklistFinding(INTERMEDIATES_SENT, MET, subject, "sent with " + intermediates + " intermediate"
                            + (intermediates == 1 ? "" : "s") + " in the handshake")
                    : new ChecklistFinding(INTERMEDIATES_SENT, NOT_MET, subject, "sent alone: the service does not fill in"
                            + " chains; put the intermediate certificates in the key store with the client certificate"));
            long daysLeft = certificate.daysLeft();
            if (daysLeft < 0) {
                findings.add(new ChecklistFinding(CERTIFICATE_REMINDER, NOT_MET, subject, "expired on "
                        + certificate.notAfter() + ": the service refuses it; renew it"));
            } else {
                findings.add(new ChecklistFinding(CERTIFICATE_REMINDER, MET, subject, "expires on " + certificate.notAfter()
                        + " (" + daysLeft + " days left); a WARN line a day and a health check warning from "
                        + certificate.reminderDays() + " days before"
                        + (daysLeft < certificate.reminderDays() ? "; the reminder is active now: renew it" : "")));
            }
        }
    }

    /**
     * The operator forbids one certificate for staging and production. A certificate is known by its serial once an
     * endpoint opened it, else by where the endpoint reads it from.
     */
    private static void environments(ChecklistScope scope, List<ChecklistFinding> findings) {
        Map<String, Set<String>> environmentsByCertificate = new TreeMap<>();
        Set<String> environments = new TreeSet<>();
        for (MConnectEventsEndpoint endpoint : scope.endpoints) {
            String environment = environment(endpoint.getConfiguration().getBaseAddress());
            environments.add(environment);
            environmentsByCertificate.computeIfAbsent(certificateOf(endpoint), certificate -> new TreeSet<>()).add(environment);
        }
        int before = findings.size();
        environmentsByCertificate.forEach((certificate, used) -> {
            if (used.contains("staging") && used.contains("production")) {
                findings.add(new ChecklistFinding(CERTIFICATE_PER_ENVIRONMENT, NOT_MET, certificate, "used for staging and"
                        + " production: the operator forbids it; each environment has its own certificate and key"));
            }
        });
        if (findings.size() > before) {
            return;
        }
        if (environments.contains("staging") && environments.contains("production")) {
            findings.add(new ChecklistFinding(CERTIFICATE_PER_ENVIRONMENT, MET, APPLICATION,
                    "staging and production endpoints use different certificates"));
        } else {
            findings.add(new ChecklistFinding(CERTIFICATE_PER_ENVIRONMENT, UNKNOWN, APPLICATION, "this application talks to "
                    + (environments.isEmpty() ? "no service yet" : String.join(" and ", environments)) + " only: whether the"
                    + " other environment has its own key cannot be seen from here"));
        }
    }

    private static String certificateOf(MConnectEventsEndpoint endpoint) {
        MConnectEventsCertificate opened = endpoint.getCertificate();
        if (opened != null) {
            return "certificate " + opened.subject() + " (serial " + opened.serialNumber() + ")";
        }
        var options = endpoint.getConfiguration();
        String where = options.getKeyStore() != null ? options.getKeyStore()
                : options.getCertificateFile() != null ? options.getCertificateFile()
                : options.getSslContextParameters() != null ? "sslContextParameters" : "none";
        return "certificate from " + where;
    }

    /** {@code staging} or {@code production} by the host of the operator's table; else {@code another service}. */
    static String environment(String baseAddress) {
        try {
            String host = baseAddress == null ? null : URI.create(baseAddress.trim()).getHost();
            host = host == null ? "" : host.toLowerCase(Locale.ROOT);
            return STAGING_HOSTS.contains(host) ? "staging" : PRODUCTION_HOSTS.contains(host) ? "production" : "another service";
        } catch (IllegalArgumentException notAUrl) {
            // the endpoint refuses a base address that is not a URL when it starts, naming the option
            return "another service";
        }
    }
}
