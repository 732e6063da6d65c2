package org.mconnectevents.emulator.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import org.mconnectevents.emulator.broker.Broker;
import org.mconnectevents.emulator.broker.EventQuery;
import org.mconnectevents.emulator.event.EventRejectedException;
import org.mconnectevents.emulator.server.ServiceServer;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin endpoints the web console reads and acts through, beside the documented ones of {@link AdminServer}:
 * {@code GET /emulator/overview}, {@code /emulator/consumers}, {@code /emulator/events}, one event with its delivery
 * history, a client's test and dead events, {@code POST /emulator/clients/{name}/test-events} (a test event from
 * the console's form), {@code POST /emulator/sessions/{id}/close} and the live stream {@code GET /emulator/stream}.
 * Runs on the context thread, as the admin server does.
 */
final class ConsoleApi {

    private static final Pattern EVENT_PATH =
            Pattern.compile("^/emulator/clients/([^/]+)/events/(\\d{1,4})/(\\d{1,18})$");
    private static final Pattern QUEUE_PATH = Pattern.compile("^/emulator/clients/([^/]+)/(test-events|dead-events)$");
    private static final Pattern SESSION_CLOSE_PATH = Pattern.compile("^/emulator/sessions/(\\d{1,18})/close$");
    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 5000;

    private final ObjectMapper json = new ObjectMapper();
    private final Broker broker;
    private final ServiceServer service;
    private final Overview overview;
    private final ConsoleStream stream;

    ConsoleApi(Broker broker, ServiceServer service, Overview overview, ConsoleStream stream) {
        this.broker = broker;
        this.service = service;
        this.overview = overview;
        this.stream = stream;
    }

    /** Answers the request when it is one of the console's endpoints; returns false otherwise. */
    boolean handle(HttpServerRequest request) {
        String path = request.path();
        HttpMethod method = request.method();
        Matcher event = EVENT_PATH.matcher(path);
        Matcher queue = QUEUE_PATH.matcher(path);
        Matcher close = SESSION_CLOSE_PATH.matcher(path);
        if (method == HttpMethod.GET && path.equals("/emulator/overview")) {
            AdminReplies.json(request.response(), 200, overview.toJson().toString());
        } else if (method == HttpMethod.GET && path.equals("/emulator/consumers")) {
            AdminReplies.json(request.response(), 200, broker.consumersView().toString());
        } else if (method == HttpMethod.GET && path.equals("/emulator/events")) {
            searchEvents(request);
        } else if (method == HttpMethod.GET && path.equals("/emulator/stream")) {
            stream.open(request);
        } else if (method == HttpMethod.GET && event.matches()) {
            oneEvent(request, event.group(1), Integer.parseInt(event.group(2)), Long.parseLong(event.group(3)));
        } else if (queue.matches() && (method == HttpMethod.GET || method == HttpMethod.POST
                && queue.group(2).equals("test-events"))) {
            queue(request, queue.group(1), queue.group(2));
        } else if (method == HttpMethod.POST && close.matches()) {
            boolean closed = service.dropSession(Long.parseLong(close.group(1)));
            if (closed) {
                AdminReplies.json(request.response(), 200, "{\"closed\":1}");
            } else {
                AdminReplies.text(request.response(), 404, "no open session " + close.group(1));
            }
        } else {
            return false;
        }
        return true;
    }

    private void searchEvents(HttpServerRequest request) {
        String client = blankToNull(request.getParam("client"));
        if (client != null && !broker.knows(client)) {
            AdminReplies.text(request.response(), 404, "no client named " + client + " is configured");
            return;
        }
        try {
            EventQuery query = new EventQuery(client, blankToNull(request.getParam("group")),
                    request.getParam("type"), request.getParam("source"), request.getParam("id"),
                    request.getParam("partitionKey"), instant(request, "from"), instant(request, "to"),
                    limit(request));
            AdminReplies.json(request.response(), 200, broker.searchEvents(query).toString());
        } catch (IllegalArgumentException e) {
            AdminReplies.text(request.response(), 400, e.getMessage());
        }
    }

    private void oneEvent(HttpServerRequest request, String client, int partition, long sequence) {
        if (!broker.knows(client)) {
            AdminReplies.text(request.response(), 404, "no client named " + client + " is configured");
            return;
        }
        ObjectNode found = broker.eventView(client, partition, sequence);
        if (found == null) {
            AdminReplies.text(request.response(), 404, "client " + client + " has no event " + sequence
                    + " in partition " + partition + " any more (the console keeps the last events of each partition)");
        } else {
            AdminReplies.json(request.response(), 200, found.toString());
        }
    }

    private void queue(HttpServerRequest request, String client, String kind) {
        if (!broker.knows(client)) {
            AdminReplies.text(request.response(), 404, "no client named " + client + " is configured");
        } else if (request.method() == HttpMethod.POST) {
            request.body().onSuccess(body -> storeTestEvent(request, client, body.getBytes()));
        } else {
            ArrayNode events = kind.equals("test-events") ? broker.testEventsView(client) : broker.deadEventsView(client);
            AdminReplies.json(request.response(), 200, events.toString());
        }
    }

    private void storeTestEvent(HttpServerRequest request, String client, byte[] body) {
        try {
            service.storeTestEvent(client, body);
            ObjectNode stored = json.createObjectNode().put("client", client);
            AdminReplies.json(request.response(), 202, stored.toString());
        } catch (EventRejectedException e) {
            AdminReplies.text(request.response(), e.status(), e.getMessage());
        }
    }

    private static Instant instant(HttpServerRequest request, String name) {
        String value = blankToNull(request.getParam(name));
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not an instant such as 2026-01-31T12:00:00Z");
        }
    }

    private static int limit(HttpServerRequest request) {
        String value = blankToNull(request.getParam("limit"));
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit > 0 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, with what is expected
        }
        throw new IllegalArgumentException("limit=" + value + " must be a number from 1 to " + MAX_LIMIT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
