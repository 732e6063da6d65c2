package org.mconnectevents.emulator.broker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mconnectevents.emulator.config.ClientConfig;
import org.mconnectevents.emulator.config.EmulatorConfig;
import org.mconnectevents.emulator.event.Injection;
import org.mconnectevents.emulator.event.StoredEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The service's storage and delivery: events stored per consumer client in partitions, consumer sessions,
 * cumulative confirmations, dead and test events, retention. Not thread-safe by design: every method runs on
 * the emulator's single Vert.x context thread, which owns all of this state.
 */
public final class Broker {

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final int unconfirmedWindow;
    private final int maxEventSize;
    private final Duration retention;
    private final Map<String, ConsumerClient> clients = new LinkedHashMap<>();
    private final PersonalDataLog personalData;
    private final Throughput throughput;
    private long produced;
    /** Events produced and delivered since start, never reset: what the throughput is sampled from. */
    private long producedEver;
    private long deliveredEver;
    private long nextSessionId = 1;

    public Broker(EmulatorConfig config, Clock clock) {
        this.clock = clock;
        this.unconfirmedWindow = config.unconfirmedWindow();
        this.maxEventSize = config.maxEventSize();
        this.retention = config.retention();
        this.personalData = new PersonalDataLog(config);
        this.throughput = new Throughput(clock.instant());
        for (ClientConfig client : config.clients()) {
            clients.put(client.name(), new ConsumerClient(client, config.partitions()));
        }
    }

    /** Stores accepted events for every client that consumes their type, and wakes the sessions concerned. */
    public void store(List<StoredEvent> events) {
        Set<ConsumerClient> touched = new LinkedHashSet<>();
        for (StoredEvent event : events) {
            for (ConsumerClient client : clients.values()) {
                if (client.config().consumes(event.type())) {
                    client.store(event);
                    touched.add(client);
                }
            }
        }
        produced += events.size();
        producedEver += events.size();
        touched.forEach(this::pumpAll);
    }

    /**
     * Stores a frame in one client's stream as a produced event would be (every group of the client receives it) and
     * wakes its sessions; returns the partition.
     *
     * @throws IllegalArgumentException when no such client is configured, or the frame cannot be injected so
     */
    public int inject(String clientName, Injection injection) {
        ConsumerClient client = client(clientName);
        int partition = client.inject(StoredEvent.injected(injection, maxEventSize, now()));
        pumpAll(client);
        return partition;
    }

    /** Stores one frame for every client that consumes {@code type} (the poison fault, after a produce request). */
    public void injectForConsumersOf(String type, Injection injection) {
        StoredEvent frame = StoredEvent.injected(injection, maxEventSize, now());
        for (ConsumerClient client : clients.values()) {
            if (client.config().consumes(type)) {
                client.inject(frame);
                pumpAll(client);
            }
        }
    }

    /** Stores a test event for the client itself as consumer. */
    public void storeTest(String clientName, StoredEvent event) {
        ConsumerClient client = client(clientName);
        client.storeTest(event);
        pumpAll(client);
    }

    /** Opens a consumer session; call {@link #pump(Session)} once the transport is ready. */
    public Session open(String clientName, SessionOptions options, SessionTransport transport, Duration startDelay) {
        ConsumerClient client = client(clientName);
        ConsumerGroup group = client.group(options.group());
        Session session = new Session(nextSessionId++, client, group, options, transport, now(),
                now().plus(startDelay));
        client.sessions().add(session);
        if (options.events()) {
            group.join(session).forEach(this::pump);
        }
        return session;
    }

    /** Hands the session as many events as its window and its transport take. */
    public void pump(Session session) {
        if (session.closed() || now().isBefore(session.deliverableAt())) {
            return;
        }
        int max = Math.min(unconfirmedWindow - session.inFlight.size(), session.transport().demand());
        if (max <= 0) {
            return;
        }
        Instant now = now();
        List<Delivery> deliveries = session.client().take(session, max, now);
        if (deliveries.isEmpty()) {
            return;
        }
        deliveredEver += deliveries.size();
        for (Delivery delivery : deliveries) {
            session.inFlight.addLast(delivery);
            // an injected frame never passed the service's checks: the service would not have logged it
            if (delivery.partition() >= 0 && !delivery.event().injected()) {
                personalData.recordDelivery(session.client().config(), session.groupName(), delivery.event(), now);
            }
        }
        session.transport().deliver(deliveries);
    }


    /** Confirms every event of the session up to and including {@code offset}; returns how many. */
    public int confirm(Session session, long offset) {
        if (session.closed()) {
            return 0; // closed by a reset while its transport was still closing: it has nothing left to confirm
        }
        session.client().confirmMessages++;
        if (!session.confirmedUpTo(offset)) {
            session.client().confirmMessagesBelowPrevious++;
        }
        int confirmed = 0;
        Instant now = now();
        Set<Session> newOwners = new LinkedHashSet<>();
        while (!session.inFlight.isEmpty() && session.inFlight.peekFirst().offset() <= offset) {
            Delivery delivery = session.inFlight.pollFirst();
            confirmed++;
            switch (delivery.partition()) {
                case Delivery.TEST -> session.client().testEvents.confirm(delivery.sequence());
                case Delivery.DEAD -> session.client().deadEvents.confirm(delivery.sequence());
                default -> {
                    session.client().history.confirmed(delivery, session, now);
                    Session owner = session.group().confirmed(delivery, now);
                    if (owner != null) {
                        newOwners.add(owner);
                    }
                }
            }
        }
        if (confirmed > 0) {
            session.confirmedAt(now);
        }
        pump(session);
        newOwners.forEach(this::pump);
        return confirmed;
    }

    /** Confirms everything the session received so far. */
    public int confirmAll(Session session) {
        return confirm(session, Long.MAX_VALUE);
    }

    /** Counts a confirmation that a fault made the service ignore. */
    public void confirmDropped(Session session) {
        session.client().confirmMessages++;
        session.client().confirmMessagesDropped++;
    }

    /** Stores an event reported dead by the session's client; it is not confirmed by this. */
    public void reportDead(Session session, StoredEvent event) {
        if (session.closed()) {
            return; // closed by a reset while its transport was still closing: its report belongs to the past
        }
        ConsumerClient client = session.client();
        client.storeDead(event);
        pumpAll(client);
    }

    /** Closes a session: whatever it did not confirm will be delivered again. */
    public void close(Session session) {
        if (session.closed()) {
            return;
        }
        session.markClosed();
        ConsumerClient client = session.client();
        client.sessions().remove(session);
        for (Delivery delivery : session.inFlight) {
            if (delivery.partition() == Delivery.TEST) {
                client.testEvents.release(delivery.sequence());
            } else if (delivery.partition() == Delivery.DEAD) {
                client.deadEvents.release(delivery.sequence());
            } else {
                client.history.returned(delivery, session);
            }
        }
        session.inFlight.clear();
        if (session.wantsEvents()) {
            session.group().leave(session);
        }
        pumpAll(client);
    }

    /** Asks the transport of every open session to close (the service drops its connections). */
    public void dropAll(String reason) {
        sessions().forEach(session -> session.transport().close(reason));
    }

    /** Every open session. */
    public List<Session> sessions() {
        List<Session> all = new ArrayList<>();
        clients.values().forEach(client -> all.addAll(client.sessions()));
        return all;
    }

    /** Applies the retention, and forgets events every group has confirmed. */
    public void sweep() {
        Instant oldest = now().minus(retention);
        clients.values().forEach(client -> client.trim(oldest));
    }

    /**
     * Forgets every event and counter. Sessions still open are closed here and now: their transports may take a
     * while to finish closing (a WebSocket close handshake), and a session on its way out must neither keep
     * partitions from the sessions of the next test nor confirm into the fresh counts.
     */
    public void reset() {
        sessions().forEach(this::close);
        clients.values().forEach(ConsumerClient::clear);
        personalData.clear();
        produced = 0;
    }

    public ObjectNode state() {
        return BrokerState.of(json, produced, clients.values(), personalData);
    }

    /** Dead events the client reported (within the retention), oldest first. */
    public ArrayNode deadEvents(String clientName) {
        ArrayNode array = json.createArrayNode();
        client(clientName).deadReported.forEach(dead -> array.add(dead.event().toJson()));
        return array;
    }

    public ArrayNode personalDataLog(String clientName) {
        client(clientName);
        return personalData.entries(clientName);
    }

    /**
     * The console's reading of the personal-data log: the entries whose subject contains {@code subject} and whose
     * type contains {@code type} (ignoring case; {@code null} or empty matches all).
     */
    public ArrayNode personalDataLog(String clientName, String subject, String type) {
        client(clientName);
        return personalData.entries(clientName, subject, type);
    }

    /** Takes one throughput sample for the console's chart; called once a second. */
    public void sampleThroughput() {
        throughput.sample(now(), producedEver, deliveredEver);
    }

    /** Produced and delivered per second, the last five minutes, oldest first. */
    public ArrayNode throughput() {
        return throughput.toJson(json);
    }

    /** The console's consumers view: partitions, stuck or not, and sessions per client and group. */
    public ArrayNode consumersView() {
        return ConsumersView.of(json, clients.values(), unconfirmedWindow, now());
    }

    /** The stored events a search selects, newest first, with their status per group. */
    public ArrayNode searchEvents(EventQuery query) {
        return EventsView.search(json, clients.values(), query);
    }

    /** One stored event of a client with its JSON and delivery history, or {@code null} when no longer kept. */
    public ObjectNode eventView(String clientName, int partition, long sequence) {
        return EventsView.event(json, client(clientName), partition, sequence);
    }

    /** The client's last test events with their status. */
    public ArrayNode testEventsView(String clientName) {
        ConsumerClient client = client(clientName);
        return EventsView.queued(json, client.testStored, client.testEvents);
    }

    /** The client's dead events with their status and dead reason. */
    public ArrayNode deadEventsView(String clientName) {
        ConsumerClient client = client(clientName);
        return EventsView.queued(json, client.deadReported, client.deadEvents);
    }

    /** Asks the transport of one open session to close; false when no session has that id. */
    public boolean drop(long sessionId, String reason) {
        for (Session session : sessions()) {
            if (session.id() == sessionId) {
                session.transport().close(reason);
                return true;
            }
        }
        return false;
    }

    public boolean knows(String clientName) {
        return clients.containsKey(clientName);
    }

    private ConsumerClient client(String name) {
        ConsumerClient client = clients.get(name);
        if (client == null) {
            throw new IllegalArgumentException("no client named " + name + " is configured");
        }
        return client;
    }

    private void pumpAll(ConsumerClient client) {
        for (Session session : new ArrayList<>(client.sessions())) {
            pump(session);
        }
    }

    private Instant now() {
        return clock.instant();
    }
}
