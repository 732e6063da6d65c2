package org.mconnectevents.camel;

import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.spi.annotations.DevConsole;
import org.mconnectevents.camel.checklist.MConnectEventsChecklist;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.URISupport;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The component in Camel's developer console ({@code camel get mconnect-events}, Camel Main's {@code /q/dev/mconnect-events},
 * the Spring Boot actuator's Camel console): per consumer its sessions, transport, group, offsets delivered and confirmed,
 * lanes busy, pending events, reconnections and last error; per producing endpoint its counters; the client
 * certificates with their days left; the outboxes' backlog. As text or JSON, as Camel's own consoles.
 * <p>
 * It needs nothing but the component: Camel's {@code DevConsoleRegistry} ({@code camel-console}, which Camel Main,
 * JBang and Camel Spring Boot bring when the developer console is enabled) finds it by its service file. Endpoint URIs
 * are shown as Camel sanitizes them (no passwords); nothing shown is event data.
 */
@DevConsole(name = "mconnect-events", displayName = "MConnect Events",
            description = "MConnect Events consumers, producers, client certificates, outboxes and the operator's checklists")
public class MConnectEventsDevConsole extends AbstractDevConsole {

    public MConnectEventsDevConsole() {
        super("camel", "mconnect-events", "MConnect Events", "MConnect Events consumers, producers, client certificates, outboxes and the operator's checklists");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder text = new StringBuilder();
        for (MConnectEventsConsumer consumer : consumers()) {
            consumerText(text, consumer);
        }
        for (MConnectEventsEndpoint endpoint : producingEndpoints()) {
            text.append(String.format("Producer %s: produced %d, rejected %d, reported dead %d%n", uriOf(endpoint),
                    endpoint.getProducedCount(), endpoint.getRejectedCount(), endpoint.getDeadCount()));
        }
        for (MConnectEventsComponent component : components()) {
            for (MConnectEventsCertificate certificate : component.getCertificates()) {
                text.append(String.format("Certificate %s (serial %s): %d days left, expires %s%n", certificate.subject(),
                        certificate.serialNumber(), certificate.daysLeft(), certificate.notAfter()));
            }
            for (MConnectEventsBacklog backlog : component.getBacklogs()) {
                text.append(backlogText(backlog));
            }
        }
        text.append(MConnectEventsChecklist.of(getCamelContext()).toText()).append(System.lineSeparator());
        return text.toString();
    }

    private static void consumerText(StringBuilder text, MConnectEventsConsumer consumer) {
        MConnectEventsEndpoint endpoint = consumer.getEndpoint();
        text.append(String.format("Consumer of route %s (%s)%n", consumer.getRouteId(), uriOf(endpoint)));
        text.append(String.format("    channel: %s, group: %s, transport: %s%n", endpoint.getChannel().uriName(), consumer.getGroup(),
                endpoint.getConfiguration().getTransport()));
        text.append(String.format("    lanes busy: %d of %d, pending: %d, reconnects: %d, consumed: %d, confirmed: %d%n",
                consumer.getLanesBusy(), consumer.getLaneCount(), consumer.getPendingExchangesSize(), endpoint.getReconnectCount(),
                endpoint.getConsumedCount(), endpoint.getConfirmedCount()));
        for (MConnectEventsSessionStatus session : consumer.getSessionStatus()) {
            text.append(String.format("    session %s: %s, offset delivered %d, confirmed %d, in flight %d, confirmation lag %d,"
                            + " pending %d%n", session.name(), session.state(), session.deliveredOffset(), session.confirmedOffset(),
                    session.inFlight(), session.confirmationLag(), session.pending()));
            if (session.lastError() != null) {
                text.append(String.format("        last error: %s%n", session.lastError()));
            }
        }
    }

    private static String backlogText(MConnectEventsBacklog backlog) {
        try {
            MConnectEventsBacklog.Measurement measured = backlog.measure();
            return String.format("Outbox %s: %d pending, %d parked, oldest pending %s%n", backlog.name(), measured.pending(),
                    measured.parked(), measured.oldestPending() == null ? "none" : ageOf(measured.oldestPending()).toSeconds() + " s ago");
        } catch (Exception e) {
            return String.format("Outbox %s: could not be measured (%s)%n", backlog.name(), e.getMessage());
        }
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonObject root = new JsonObject();
        JsonArray consumers = new JsonArray();
        consumers().forEach(consumer -> consumers.add(consumerJson(consumer)));
        root.put("consumers", consumers);
        JsonArray producers = new JsonArray();
        for (MConnectEventsEndpoint endpoint : producingEndpoints()) {
            JsonObject producer = new JsonObject();
            producer.put("endpoint", uriOf(endpoint));
            producer.put("channel", endpoint.getChannel().uriName());
            producer.put("produced", endpoint.getProducedCount());
            producer.put("rejected", endpoint.getRejectedCount());
            producer.put("dead", endpoint.getDeadCount());
            producers.add(producer);
        }
        root.put("producers", producers);
        JsonArray certificates = new JsonArray();
        JsonArray outboxes = new JsonArray();
        for (MConnectEventsComponent component : components()) {
            component.getCertificates().forEach(certificate -> certificates.add(certificateJson(certificate)));
            component.getBacklogs().forEach(backlog -> outboxes.add(backlogJson(backlog)));
        }
        root.put("certificates", certificates);
        root.put("outboxes", outboxes);
        root.put("checklist", MConnectEventsChecklist.of(getCamelContext()).toJson());
        return root;
    }

    private static JsonObject consumerJson(MConnectEventsConsumer consumer) {
        MConnectEventsEndpoint endpoint = consumer.getEndpoint();
        JsonObject json = new JsonObject();
        json.put("routeId", consumer.getRouteId());
        json.put("endpoint", uriOf(endpoint));
        json.put("channel", endpoint.getChannel().uriName());
        json.put("group", consumer.getGroup());
        json.put("transport", endpoint.getConfiguration().getTransport());
        json.put("lanes", consumer.getLaneCount());
        json.put("lanesBusy", consumer.getLanesBusy());
        json.put("pending", consumer.getPendingExchangesSize());
        json.put("reconnects", endpoint.getReconnectCount());
        json.put("consumed", endpoint.getConsumedCount());
        json.put("confirmed", endpoint.getConfirmedCount());
        JsonArray sessions = new JsonArray();
        for (MConnectEventsSessionStatus status : consumer.getSessionStatus()) {
            JsonObject session = new JsonObject();
            session.put("name", status.name());
            session.put("state", status.state());
            session.put("deliveredOffset", status.deliveredOffset());
            session.put("confirmedOffset", status.confirmedOffset());
            session.put("inFlight", status.inFlight());
            session.put("confirmationLag", status.confirmationLag());
            session.put("pending", status.pending());
            if (status.lastError() != null) {
                session.put("lastError", status.lastError());
            }
            sessions.add(session);
        }
        json.put("sessions", sessions);
        return json;
    }

    private static JsonObject certificateJson(MConnectEventsCertificate certificate) {
        JsonObject json = new JsonObject();
        json.put("subject", certificate.subject());
        json.put("serialNumber", certificate.serialNumber());
        json.put("notAfter", certificate.notAfter().toString());
        json.put("daysLeft", certificate.daysLeft());
        return json;
    }

    private static JsonObject backlogJson(MConnectEventsBacklog backlog) {
        JsonObject json = new JsonObject();
        json.put("name", backlog.name());
        try {
            MConnectEventsBacklog.Measurement measured = backlog.measure();
            json.put("pending", measured.pending());
            json.put("parked", measured.parked());
            if (measured.oldestPending() != null) {
                json.put("oldestPending", measured.oldestPending().toString());
                json.put("oldestPendingAgeSeconds", ageOf(measured.oldestPending()).toSeconds());
            }
        } catch (Exception e) {
            json.put("error", e.getMessage());
        }
        return json;
    }

    private List<MConnectEventsConsumer> consumers() {
        List<MConnectEventsConsumer> consumers = new ArrayList<>();
        for (Route route : getCamelContext().getRoutes()) {
            if (route.getConsumer() instanceof MConnectEventsConsumer consumer) {
                consumers.add(consumer);
            }
        }
        return consumers;
    }

    private List<MConnectEventsEndpoint> producingEndpoints() {
        List<MConnectEventsEndpoint> endpoints = new ArrayList<>();
        for (Endpoint endpoint : getCamelContext().getEndpoints()) {
            if (endpoint instanceof MConnectEventsEndpoint events && events.hasProducer()) {
                endpoints.add(events);
            }
        }
        return endpoints;
    }

    /** The components already made: asking for one by its name would make it. */
    private List<MConnectEventsComponent> components() {
        List<MConnectEventsComponent> components = new ArrayList<>();
        for (String name : getCamelContext().getComponentNames()) {
            if (getCamelContext().hasComponent(name) instanceof MConnectEventsComponent component) {
                components.add(component);
            }
        }
        return components;
    }

    private static String uriOf(Endpoint endpoint) {
        return URISupport.sanitizeUri(endpoint.getEndpointUri());
    }

    private static Duration ageOf(Instant instant) {
        Duration age = Duration.between(instant, Instant.now());
        return age.isNegative() ? Duration.ZERO : age;
    }
}
