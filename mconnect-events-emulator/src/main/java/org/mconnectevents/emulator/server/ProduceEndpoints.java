package org.mconnectevents.emulator.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import org.mconnectevents.emulator.broker.Broker;
import org.mconnectevents.emulator.config.ClientConfig;
import org.mconnectevents.emulator.config.EmulatorConfig;
import org.mconnectevents.emulator.config.PoisonKind;
import org.mconnectevents.emulator.config.ProducedType;
import org.mconnectevents.emulator.event.EventParser;
import org.mconnectevents.emulator.event.EventRejectedException;
import org.mconnectevents.emulator.event.IncomingEvent;
import org.mconnectevents.emulator.event.Injection;
import org.mconnectevents.emulator.event.StoredEvent;
import org.mconnectevents.emulator.event.TypeSchemas;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code POST /ce/produce/raw}, {@code /event}, {@code /events}, and the tool endpoints
 * {@code POST /ce/tools/consumer/test} and {@code GET /ce/tools/my-settings}. Reading and checking run on the
 * connection's event loop; storing is handed to the {@link BrokerLoop}.
 */
final class ProduceEndpoints {

    private static final Set<String> RAW_TYPES = Set.of("application/json", "application/octet-stream", "text/plain");
    private static final String STRUCTURED = "application/cloudevents+json";
    private static final String BATCH = "application/cloudevents-batch+json";

    private final BrokerLoop loop;
    private final EmulatorConfig config;
    private final Broker broker;
    private final EventParser parser;
    private final TypeSchemas schemas;
    private final FaultInjector faults;
    private final Replies replies;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    ProduceEndpoints(BrokerLoop loop, EmulatorConfig config, Broker broker, TypeSchemas schemas, FaultInjector faults,
                     Replies replies, Clock clock) {
        this.loop = loop;
        this.config = config;
        this.broker = broker;
        this.parser = new EventParser(config.maxEventSize());
        this.schemas = schemas;
        this.faults = faults;
        this.replies = replies;
        this.clock = clock;
    }

    void raw(HttpServerRequest request, ClientConfig producer) {
        readEvents(request, RAW_TYPES, body -> List.of(parser.check(
                parser.fromBinary(CloudEventHeaders.read(request.headers()), request.getHeader("Content-Type"),
                        body.getBytes()), "the event", now(), false)),
                events -> produce(request, producer, events));
    }

    void event(HttpServerRequest request, ClientConfig producer) {
        readEvents(request, Set.of(STRUCTURED),
                body -> List.of(parser.check(parser.parseStructured(body.getBytes()), "the event", now(), true)),
                events -> produce(request, producer, events));
    }

    void events(HttpServerRequest request, ClientConfig producer) {
        readEvents(request, Set.of(BATCH), body -> {
            List<IncomingEvent> batch = parser.parseBatch(body.getBytes());
            List<StoredEvent> checked = new ArrayList<>(batch.size());
            Instant now = now();
            for (int i = 0; i < batch.size(); i++) {
                checked.add(parser.check(batch.get(i), "event " + i + " of the batch", now, false));
            }
            return checked;
        }, events -> produce(request, producer, events));
    }

    /** Stores a test event for the caller itself as consumer; like raw, without the produce permissions. */
    void testEvent(HttpServerRequest request, ClientConfig caller) {
        readEvents(request, RAW_TYPES, body -> List.of(parser.check(
                parser.fromBinary(CloudEventHeaders.read(request.headers()), request.getHeader("Content-Type"),
                        body.getBytes()), "the test event", now(), false)),
                events -> {
                    try {
                        schemas.check(events.get(0), "the test event");
                    } catch (EventRejectedException e) {
                        replies.text(request.response(), e.status(), e.getMessage());
                        return;
                    }
                    loop.run(() -> {
                        broker.storeTest(caller.name(), events.get(0));
                        replies.status(request.response(), 202);
                    });
                });
    }

    /** A test event given in structured form (the console's form), checked and stored; see ServiceServer. */
    void storeTestEvent(String client, byte[] structuredEvent) {
        StoredEvent event = parser.check(parser.parseStructured(structuredEvent), "the test event", now(), true);
        schemas.check(event, "the test event");
        broker.storeTest(client, event);
    }

    /** The caller's configuration as JSON (the format may change, as on the real service). */
    void settings(HttpServerRequest request, ClientConfig caller) {
        ObjectNode settings = json.valueToTree(caller);
        settings.withArray("produces").forEach(p -> ((ObjectNode) p).remove("schema"));
        replies.later(() -> request.response().putHeader("Content-Type", "application/json")
                .end(settings.toString()));
    }

    private interface Reader {
        List<StoredEvent> read(Buffer body);
    }

    private void readEvents(HttpServerRequest request, Set<String> contentTypes, Reader reader,
                            Consumer<List<StoredEvent>> then) {
        String mediaType = EventParser.mediaType(request.getHeader("Content-Type"));
        if (mediaType == null || !contentTypes.contains(mediaType)) {
            replies.text(request.response(), 400, "Content-Type " + request.getHeader("Content-Type")
                    + " is not accepted here; use " + String.join(" or ", contentTypes));
            return;
        }
        Replies.readBody(request, config.maxRequestSize(), body -> {
            List<StoredEvent> events;
            try {
                events = reader.read(body);
            } catch (EventRejectedException e) {
                replies.text(request.response(), e.status(), e.getMessage());
                return;
            }
            then.accept(events);
        }, tooLarge -> refuseTooLarge(request, tooLarge));
    }

    private void refuseTooLarge(HttpServerRequest request, String message) {
        // Over HTTP/1.x the unread rest of the body would be taken for the next request, so the connection ends
        // with the answer. HTTP/2 forbids connection headers (curl, for one, then sees a protocol error instead
        // of the 413) and ends just this stream.
        if (request.version() != HttpVersion.HTTP_2) {
            request.response().putHeader("Connection", "close");
        }
        replies.text(request.response(), 413, message);
    }

    private void produce(HttpServerRequest request, ClientConfig producer, List<StoredEvent> events) {
        try {
            for (int i = 0; i < events.size(); i++) {
                String label = events.size() == 1 && !isBatch(request) ? "the event" : "event " + i + " of the batch";
                authorize(producer, events.get(i), label);
                schemas.check(events.get(i), label);
            }
        } catch (EventRejectedException e) {
            replies.text(request.response(), e.status(), e.getMessage());
            return;
        }
        if (faults.failProduce()) {
            replies.text(request.response(), 500, "injected fault: the events were not stored; retry");
            return;
        }
        loop.run(() -> {
            broker.store(events);
            poisonAfter(events);
            if (faults.storeThenFailProduce()) {
                replies.text(request.response(), 500, "injected fault: the events were stored but the answer failed");
            } else {
                replies.status(request.response(), 202);
            }
        });
    }

    /**
     * The poison fault: one poison event for every consumer of what the request produced, after its last event on
     * that event's partition key, so that a consumer meets it between events it must still process in order.
     */
    private void poisonAfter(List<StoredEvent> events) {
        PoisonKind kind = faults.poisonAfterProduce();
        if (kind != null) {
            StoredEvent last = events.get(events.size() - 1);
            broker.injectForConsumersOf(last.type(),
                    Injection.poison(kind, last.source(), last.type(), null).partitionKey(last.partitionKey()));
        }
    }

    private static boolean isBatch(HttpServerRequest request) {
        return request.path().endsWith("/events");
    }

    private static void authorize(ClientConfig producer, StoredEvent event, String label) {
        ProducedType permission = producer.producedType(event.type()).orElseThrow(() -> new EventRejectedException(401,
                label + " (" + event.describe() + "): client " + producer.name() + " is not allowed to produce type "
                        + event.type()));
        if (!permission.sources().contains(event.source())) {
            throw new EventRejectedException(401, label + " (" + event.describe() + "): client " + producer.name()
                    + " is not allowed to use source " + event.source() + " for type " + event.type()
                    + "; allowed: " + permission.sources());
        }
    }

    private Instant now() {
        return clock.instant();
    }
}
