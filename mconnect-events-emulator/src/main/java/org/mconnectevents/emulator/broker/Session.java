package org.mconnectevents.emulator.broker;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One consumer session: a WebSocket connection or a long-polling consumer instance. Offsets grow within the
 * session and start at a random value, so that a client comparing offsets across sessions is caught.
 * Owned by the context thread.
 */
public final class Session {

    private final long id;
    private final ConsumerClient client;
    private final ConsumerGroup group;
    private final boolean events;
    private final boolean test;
    private final boolean dead;
    private final SessionTransport transport;
    private final Instant deliverableAt;
    private final Instant openedAt;
    final ArrayDeque<Delivery> inFlight = new ArrayDeque<>();
    private long nextOffset = ThreadLocalRandom.current().nextLong(1, 1L << 31);
    private int rotation;
    private boolean closed;
    private long highestConfirm = Long.MIN_VALUE;
    /** When a confirmation last confirmed something in this session, or {@code null}. */
    private Instant lastConfirmedAt;

    Session(long id, ConsumerClient client, ConsumerGroup group, SessionOptions options,
            SessionTransport transport, Instant openedAt, Instant deliverableAt) {
        this.id = id;
        this.client = client;
        this.group = group;
        this.events = options.events();
        this.test = options.test();
        this.dead = options.dead();
        this.transport = transport;
        this.openedAt = openedAt;
        this.deliverableAt = deliverableAt;
    }

    public long id() {
        return id;
    }

    /** The certificate name of the consuming client. */
    public String clientName() {
        return client.name();
    }

    public String groupName() {
        return group.name();
    }

    public boolean closed() {
        return closed;
    }

    /** Events delivered and not yet confirmed. */
    public int inFlightCount() {
        return inFlight.size();
    }

    /** The highest offset handed out so far, or {@code -1}. */
    public long lastOffset() {
        return inFlight.isEmpty() ? -1 : inFlight.peekLast().offset();
    }

    /** When this session may receive its first event (a fault may delay it). */
    public Instant deliverableAt() {
        return deliverableAt;
    }

    /** When the session opened. */
    public Instant openedAt() {
        return openedAt;
    }

    /** How the client is connected: {@code websocket} or {@code long-polling}. */
    public String transportName() {
        return transport.name();
    }

    /** When a confirmation of this session last confirmed at least one event, or {@code null}. */
    public Instant lastConfirmedAt() {
        return lastConfirmedAt;
    }

    /** The highest offset this session confirmed so far, or {@code null}. */
    public Long highestConfirmedOffset() {
        return highestConfirm == Long.MIN_VALUE ? null : highestConfirm;
    }

    ConsumerClient client() {
        return client;
    }

    ConsumerGroup group() {
        return group;
    }

    boolean wantsEvents() {
        return events;
    }

    boolean wantsTest() {
        return test;
    }

    boolean wantsDead() {
        return dead;
    }

    SessionTransport transport() {
        return transport;
    }

    long takeOffset() {
        return nextOffset++;
    }

    int nextRotation() {
        return rotation++;
    }

    /** Records a confirmation's offset; false when it is lower than one this session confirmed before. */
    boolean confirmedUpTo(long offset) {
        boolean increasing = offset >= highestConfirm;
        highestConfirm = Math.max(highestConfirm, offset);
        return increasing;
    }

    void confirmedAt(Instant when) {
        lastConfirmedAt = when;
    }

    void markClosed() {
        closed = true;
    }
}
