package org.mconnectevents.emulator.server;

import io.vertx.core.http.HttpServerResponse;
import org.mconnectevents.emulator.broker.Delivery;
import org.mconnectevents.emulator.broker.Session;
import org.mconnectevents.emulator.broker.SessionTransport;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One long-polling consumer instance: a session whose transport is the poll currently waiting, if any.
 * Runs on the {@link BrokerLoop}.
 */
final class LongPollingInstance implements SessionTransport {

    /** How a waiting poll wants its events: one in binary or structured mode, or a batch. */
    enum Mode { RAW, EVENT, EVENTS }

    private final BrokerLoop loop;
    private final String bridge;
    private final String group;
    private final String id;
    private final String client;
    private final Clock clock;
    private Session session;
    /** When the instance was last polled: a request arrived, or a waiting poll ended. */
    private Instant lastUsed;
    private boolean expired;
    /** The poll waiting for events, or null. */
    private HttpServerResponse waiting;
    private Mode waitingMode;
    private long waitTimer = -1;
    private BiConsumer<HttpServerResponse, List<Delivery>> answer;
    private final int maxBatch;

    LongPollingInstance(BrokerLoop loop, String bridge, String group, String id, String client, Clock clock,
                        int maxBatch) {
        this.loop = loop;
        this.bridge = bridge;
        this.group = group;
        this.id = id;
        this.client = client;
        this.clock = clock;
        this.lastUsed = clock.instant();
        this.maxBatch = maxBatch;
    }

    void attach(Session opened) {
        this.session = opened;
    }

    Session session() {
        return session;
    }

    String bridge() {
        return bridge;
    }

    String group() {
        return group;
    }

    String id() {
        return id;
    }

    String client() {
        return client;
    }

    boolean expired() {
        return expired;
    }

    void markExpired() {
        expired = true;
    }

    void touch(Instant now) {
        lastUsed = now;
    }

    /** Not polled since {@code cutoff}, and no poll waiting. */
    boolean idleSince(Instant cutoff) {
        return waiting == null && lastUsed.isBefore(cutoff);
    }

    /** Parks a poll; {@code answer} is called with the events, or with none on timeout (204). */
    void park(HttpServerResponse response, Mode mode, long timeoutMillis,
              BiConsumer<HttpServerResponse, List<Delivery>> answer) {
        releaseWaiting();
        this.waiting = response;
        this.waitingMode = mode;
        this.answer = answer;
        this.waitTimer = loop.setTimer(timeoutMillis, () -> {
            waitTimer = -1;
            releaseWaiting();
        });
        response.closeHandler(v -> loop.run(() -> {
            if (waiting == response) {
                clearWaiting();
            }
        }));
    }

    /** Answers the waiting poll, if any, with no event. */
    void releaseWaiting() {
        if (waiting != null) {
            HttpServerResponse response = waiting;
            BiConsumer<HttpServerResponse, List<Delivery>> reply = answer;
            clearWaiting();
            reply.accept(response, List.of());
        }
    }

    private void clearWaiting() {
        // the expiry counts from the end of the last poll: a poll longer than the expiry must not expire its instance
        lastUsed = clock.instant();
        waiting = null;
        answer = null;
        if (waitTimer >= 0) {
            loop.cancelTimer(waitTimer);
            waitTimer = -1;
        }
    }

    @Override
    public String name() {
        return "long-polling";
    }

    @Override
    public int demand() {
        if (waiting == null || waiting.closed()) {
            return 0;
        }
        return waitingMode == Mode.EVENTS ? maxBatch : 1;
    }

    @Override
    public void deliver(List<Delivery> deliveries) {
        HttpServerResponse response = waiting;
        BiConsumer<HttpServerResponse, List<Delivery>> reply = answer;
        clearWaiting();
        reply.accept(response, deliveries);
    }

    @Override
    public void close(String reason) {
        expired = true;
        releaseWaiting();
    }
}
