package org.mconnectevents.emulator.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.mconnectevents.emulator.broker.Broker;
import org.mconnectevents.emulator.broker.Delivery;
import org.mconnectevents.emulator.broker.SessionOptions;
import org.mconnectevents.emulator.config.EmulatorConfig;
import org.mconnectevents.emulator.event.EventParser;
import org.mconnectevents.emulator.event.EventRejectedException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Consumption by long polling: {@code POST /ce/consumers} creates an instance whose {@code Location} is an
 * absolute URL under a random bridge name; polls, confirmations, dead reports and the final {@code DELETE} go
 * under it. An instance not polled within the expiry is closed, and its URLs answer 404. Runs on the context
 * thread.
 */
final class LongPollingConsumers {

    /** {bridge}/ce/consumers/{group}/instances/{instance}[/{action}]. */
    static final Pattern INSTANCE_PATH =
            Pattern.compile("^/([^/]+)/ce/consumers/([^/]+)/instances/([^/]+)(/raw|/event|/events|/confirm|/dead)?/?$");
    private static final int MAX_BATCH = 500;

    private final BrokerLoop loop;
    private final EmulatorConfig config;
    private final Broker broker;
    private final FaultInjector faults;
    private final Replies replies;
    private final EventParser deadParser;
    private final Clock clock;
    private final Map<String, LongPollingInstance> instances = new HashMap<>();

    LongPollingConsumers(BrokerLoop loop, EmulatorConfig config, Broker broker, FaultInjector faults, Replies replies,
                         EventParser deadParser, Clock clock) {
        this.loop = loop;
        this.config = config;
        this.broker = broker;
        this.faults = faults;
        this.replies = replies;
        this.deadParser = deadParser;
        this.clock = clock;
    }

    /** {@code POST /ce/consumers}: creates an instance and answers 201 with its absolute base address. */
    void create(HttpServerRequest request, String client) {
        SessionOptions options = ConsumeOptions.parse(request);
        String bridge = "bridge-" + UUID.randomUUID().toString().substring(0, 8);
        String id = UUID.randomUUID().toString();
        LongPollingInstance instance = new LongPollingInstance(loop, bridge, options.group(), id, client, clock,
                MAX_BATCH);
        instance.attach(broker.open(client, options, instance, faults.sessionStartDelay()));
        instances.put(id, instance);
        String location = "https://" + request.authority() + "/" + bridge + "/ce/consumers/"
                + URLEncoder.encode(options.group(), StandardCharsets.UTF_8) + "/instances/" + id;
        replies.later(() -> request.response().setStatusCode(201).putHeader("Location", location)
                .putHeader("Content-Type", "application/json")
                .end(LongPollingBodies.created(id, location)));
    }

    /**
     * Handles a request under an instance's base address; answers 404 for unknown, expired or foreign ones.
     * {@code body} is the request body, read beforehand (empty for requests without one).
     */
    void handle(HttpServerRequest request, String client, Matcher path, Buffer body) {
        LongPollingInstance instance = instances.get(path.group(3));
        String group = java.net.URLDecoder.decode(path.group(2), StandardCharsets.UTF_8);
        if (instance == null || instance.expired() || !instance.bridge().equals(path.group(1))
                || !instance.group().equals(group) || !instance.client().equals(client)) {
            replies.text(request.response(), 404, "no consumer instance at " + request.path()
                    + ": it expired or was deleted; create a new one with POST /ce/consumers");
            return;
        }
        instance.touch(clock.instant());
        String action = path.group(4) == null ? "" : path.group(4);
        HttpMethod method = request.method();
        if (method == HttpMethod.GET && List.of("/raw", "/event", "/events").contains(action)) {
            poll(request, instance, LongPollingInstance.Mode.valueOf(action.substring(1).toUpperCase()));
        } else if (method == HttpMethod.POST && action.equals("/confirm")) {
            confirm(request, instance);
        } else if (method == HttpMethod.POST && action.equals("/dead")) {
            dead(request, instance, body);
        } else if (method == HttpMethod.DELETE && action.isEmpty()) {
            remove(instance);
            replies.status(request.response(), 204);
        } else {
            replies.text(request.response(), 404, method + " " + request.path() + " is not a consumer operation");
        }
    }

    private void poll(HttpServerRequest request, LongPollingInstance instance, LongPollingInstance.Mode mode) {
        if ("true".equalsIgnoreCase(request.getParam("confirm"))) {
            confirmAllUnlessDropped(instance);
        }
        long timeout = config.pollTimeout().toMillis();
        instance.park(request.response(), mode, timeout, (response, deliveries) -> answer(response, mode, deliveries));
        broker.pump(instance.session());
    }

    private void answer(HttpServerResponse response, LongPollingInstance.Mode mode, List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            replies.status(response, 204);
            return;
        }
        replies.later(() -> {
            if (response.closed()) {
                return;
            }
            switch (mode) {
                case RAW -> {
                    Delivery delivery = deliveries.get(0);
                    CloudEventHeaders.write(delivery.event(), delivery.offset(), response.headers());
                    response.end(io.vertx.core.buffer.Buffer.buffer(delivery.event().dataBytes()));
                }
                case EVENT -> response.putHeader("Content-Type", "application/cloudevents+json")
                        .end(deliveries.get(0).event().toJsonWithOffset(deliveries.get(0).offset()));
                case EVENTS -> response.putHeader("Content-Type", "application/cloudevents-batch+json")
                        .end(LongPollingBodies.batch(deliveries));
            }
        });
    }

    private void confirm(HttpServerRequest request, LongPollingInstance instance) {
        String offset = request.getParam("offset");
        if (offset == null) {
            confirmAllUnlessDropped(instance);
        } else {
            long value;
            try {
                value = Long.parseLong(offset);
            } catch (NumberFormatException e) {
                replies.text(request.response(), 400, "offset=" + offset + " is not an integer");
                return;
            }
            if (faults.dropConfirm()) {
                broker.confirmDropped(instance.session());
            } else {
                broker.confirm(instance.session(), value);
            }
        }
        replies.status(request.response(), 204);
    }

    private void confirmAllUnlessDropped(LongPollingInstance instance) {
        if (faults.dropConfirm()) {
            broker.confirmDropped(instance.session());
        } else {
            broker.confirmAll(instance.session());
        }
    }

    private void dead(HttpServerRequest request, LongPollingInstance instance, Buffer body) {
        try {
            broker.reportDead(instance.session(), deadParser.check(deadParser.fromBinary(
                    CloudEventHeaders.read(request.headers()), request.getHeader("Content-Type"), body.getBytes()),
                    "the dead event", clock.instant(), false));
            replies.status(request.response(), 202);
        } catch (EventRejectedException e) {
            replies.text(request.response(), e.status(), e.getMessage());
        }
    }

    /** Expires instances not polled within the expiry (a fault may shorten it). */
    void expireIdle() {
        Duration expiry = faults.instanceExpiry(config.instanceExpiry());
        Instant cutoff = clock.instant().minus(expiry);
        for (LongPollingInstance instance : new ArrayList<>(instances.values())) {
            if (instance.idleSince(cutoff)) {
                remove(instance);
            }
        }
    }

    /** Closes every instance (admin: drop all sessions). */
    void closeAll() {
        new ArrayList<>(instances.values()).forEach(this::remove);
    }

    /** Closes the instance of that session, if it is a long-polling one; returns whether it was. */
    boolean close(long sessionId) {
        for (LongPollingInstance instance : new ArrayList<>(instances.values())) {
            if (instance.session().id() == sessionId) {
                remove(instance);
                return true;
            }
        }
        return false;
    }

    private void remove(LongPollingInstance instance) {
        instances.remove(instance.id());
        instance.markExpired();
        instance.releaseWaiting();
        broker.close(instance.session());
    }
}
