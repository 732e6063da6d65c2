package org.mconnectevents.camel;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.camel.Exchange;
import org.mconnectevents.camel.client.ConsumeOptions;
import org.mconnectevents.camel.client.ConsumedEvent;
import org.mconnectevents.camel.client.ConsumerSession;
import org.mconnectevents.camel.client.EventCodec;
import org.mconnectevents.camel.client.EventRules;
import org.mconnectevents.camel.client.MConnectEventsClient;
import org.mconnectevents.camel.client.MConnectEventsConfigurationException;
import org.mconnectevents.camel.client.SessionListener;
import org.mconnectevents.camel.client.WebSocketSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps one consumer session open, forever: opens it, hands its events to the lanes, confirms what finished,
 * and after the session ends (closed by the service, connection lost, instance expired, a technical failure)
 * waits for the events still in flight, backs off with jitter and opens a new one. Events not confirmed in a
 * session come again in the next.
 * <p>
 * Each session has a generation number; an event of an older generation is skipped, not processed, because the
 * service will deliver it again. Session state is guarded by this runner's monitor; the session is never called
 * while holding it.
 */
final class SessionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRunner.class);

    enum State { CONNECTING, CONNECTED, RECONNECTING, STOPPED }

    private final MConnectEventsConsumer consumer;
    private final MConnectEventsConfiguration configuration;
    private final MConnectEventsMetrics metrics;
    private final MConnectEventsClient client;
    private final ConsumeOptions consumeOptions;
    private final Vertx vertx;
    private final Lanes lanes;
    private final String name;
    /** Events handed to the lanes and not yet done with, of every generation. */
    private final AtomicInteger pending = new AtomicInteger();

    private State state = State.CONNECTING;
    private ConsumerSession session;
    private OffsetTracker tracker;
    private int generation;
    /** Consecutive attempts that failed to open a session, or sessions the service ended. */
    private int failures;
    /** Consecutive sessions ended by a technical failure; reset once a session confirms without one. */
    private int technicalStreak;
    private boolean stopping;
    private boolean paused;
    private boolean restarting;
    private boolean everConnected;
    private Throwable lastError;
    private long confirmTimer = -1;
    private long retryTimer = -1;

    SessionRunner(MConnectEventsConsumer consumer, MConnectEventsClient client, ConsumeOptions consumeOptions, Vertx vertx,
                  Lanes lanes, String name) {
        this.consumer = consumer;
        this.configuration = consumer.getEndpoint().getConfiguration();
        this.metrics = consumer.getEndpoint().metrics();
        this.client = client;
        this.consumeOptions = consumeOptions;
        this.vertx = vertx;
        this.name = name;
        this.lanes = lanes;
    }

    void start() {
        connect();
    }

    private void connect() {
        int current;
        synchronized (this) {
            retryTimer = -1;
            if (stopping) {
                return;
            }
            current = ++generation;
            restarting = false;
            paused = false;
            state = everConnected ? State.RECONNECTING : State.CONNECTING;
        }
        OffsetTracker tracker = new OffsetTracker();
        SessionListener listener = new Listener(current, tracker);
        Future<ConsumerSession> opening = "longpolling".equals(configuration.getTransport())
                ? client.openLongPollingSession(consumeOptions, listener)
                : client.openWebSocketSession(consumeOptions, new WebSocketSettings(Duration.ofMillis(configuration.getPingInterval()),
                Duration.ofMillis(configuration.getPingTimeout())), listener);
        opening.onComplete(result -> {
            if (result.failed()) {
                ended(current, result.cause());
                return;
            }
            ConsumerSession opened = result.result();
            boolean unwanted;
            synchronized (this) {
                unwanted = stopping || current != generation;
                if (!unwanted) {
                    session = opened;
                    this.tracker = tracker;
                    state = State.CONNECTED;
                    lastError = null;
                    if (everConnected) {
                        metrics.reconnected();
                    }
                    everConnected = true;
                    long interval = Math.max(10, configuration.getConfirmInterval());
                    confirmTimer = vertx.setPeriodic(interval, interval, timer -> sendConfirmation(current, tracker));
                }
            }
            if (unwanted) {
                opened.close();
            } else {
                LOG.info("{}: consuming {} on {}", name, consumeOptions.describe(), opened.describe());
            }
        });
    }

    /** The session of this generation ended (or never opened): make its events stale, then reconnect after a back-off. */
    private void ended(int ended, Throwable cause) {
        long delay;
        synchronized (this) {
            if (ended != generation) {
                return;
            }
            generation++;
            boolean opened = session != null;
            boolean afterTechnicalFailure = restarting;
            session = null;
            tracker = null;
            paused = false;
            vertx.cancelTimer(confirmTimer);
            if (stopping) {
                state = State.STOPPED;
                return;
            }
            state = State.RECONNECTING;
            if (cause != null) {
                lastError = cause;
                // a session that opened was no failed attempt: the back-off starts again from reconnectDelay
                failures = opened ? 1 : failures + 1;
            }
            delay = cause instanceof MConnectEventsConfigurationException ? backOff(Integer.MAX_VALUE) // retrying cannot fix it
                    : afterTechnicalFailure ? backOff(technicalStreak) : backOff(failures);
        }
        if (cause != null) {
            LOG.warn("{}: session ended ({}); reconnecting in {} ms", name, describe(cause), delay);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(configuration.getStopTimeout());
        schedule(Math.max(1, delay), () -> connectWhenIdle(deadline));
    }

    /**
     * Opens the next session once the events of the last one are done with, so that a partition that moves
     * never has two events of one key in flight; a stuck exchange delays this by stopTimeout at most.
     */
    private void connectWhenIdle(long deadline) {
        if (pending.get() == 0 || System.nanoTime() > deadline) {
            connect();
        } else {
            schedule(20, () -> connectWhenIdle(deadline));
        }
    }

    private void schedule(long delay, Runnable task) {
        synchronized (this) {
            if (stopping) {
                return;
            }
            retryTimer = vertx.setTimer(delay, timer -> task.run());
        }
    }

    /** Exponential back-off from reconnectDelay up to reconnectMaxDelay, with jitter (half to all of it). */
    private long backOff(int attempt) {
        long base = Math.max(1, configuration.getReconnectDelay());
        long max = Math.max(base, configuration.getReconnectMaxDelay());
        long delay = attempt <= 1 ? base : Math.min(max, base << Math.min(30, attempt - 1));
        return delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
    }

    private final class Listener implements SessionListener {
        private final int generation;
        private final OffsetTracker tracker;

        Listener(int generation, OffsetTracker tracker) {
            this.generation = generation;
            this.tracker = tracker;
        }

        @Override
        public void onEvent(ConsumerSession from, ConsumedEvent event) {
            synchronized (SessionRunner.this) {
                if (generation != SessionRunner.this.generation || stopping || restarting) {
                    return;
                }
            }
            tracker.delivered(event.offset());
            if (pending.incrementAndGet() >= configuration.getMaxPendingEvents()) {
                pause(generation);
            }
            ConsumedEventContext context = new ConsumedEventContext(event, from, SessionRunner.this, tracker, generation);
            Object key = event.event().getExtension(EventCodec.PARTITION_KEY);
            lanes.dispatch(key == null ? null : key.toString(), () -> process(context));
        }

        @Override
        public void onClosed(Throwable cause) {
            ended(generation, cause);
        }
    }

    /** On a lane thread: run the exchange of one event, then decide what became of it. */
    private void process(ConsumedEventContext context) {
        try {
            synchronized (this) {
                if (context.generation() != generation || stopping || restarting) {
                    return;
                }
            }
            Exchange exchange = consumer.createExchange(false);
            exchange.setProperty(ConsumedEventContext.PROPERTY, context);
            ExchangeEvents.toMessage(context.consumed(), exchange.getMessage(), "cloudevent".equals(configuration.getBodyType()));
            if (!configuration.isAutoConfirm()) {
                exchange.getMessage().setHeader(MConnectEventsConstants.CONFIRMATION, new MConnectEventsConfirmation(context));
            }
            metrics.consumedOne();
            try {
                consumer.getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            completed(exchange, context);
        } finally {
            if (pending.decrementAndGet() <= configuration.getMaxPendingEvents() / 2) {
                resumeIfDrained();
            }
        }
    }

    private void completed(Exchange exchange, ConsumedEventContext context) {
        if (context.isReportedDead()) {
            finish(context);
            return;
        }
        Throwable failure = context.refusedAsTechnical() != null ? context.refusedAsTechnical() : exchange.getException();
        if (failure != null || exchange.isRollbackOnly()) {
            technicalFailure(context, failure);
        } else if (configuration.isAutoConfirm()) {
            finish(context);
        }
    }

    /** The event finished: confirm it with the next confirmation, at once when confirmBatchSize are waiting. */
    void finish(ConsumedEventContext context) {
        int covered = context.tracker().finished(context.offset());
        if (covered >= configuration.getConfirmBatchSize()) {
            sendConfirmation(context.generation(), context.tracker());
        }
    }

    private Future<Void> sendConfirmation(int of, OffsetTracker tracker) {
        ConsumerSession current;
        synchronized (this) {
            current = of == generation ? session : null;
        }
        OffsetTracker.Confirmation confirmation = current == null ? null : tracker.takeConfirmation();
        if (confirmation == null) {
            return Future.succeededFuture();
        }
        return current.confirm(confirmation.offset())
                .onSuccess(done -> {
                    metrics.confirmed(confirmation.events());
                    if (!tracker.hasFailed()) {
                        synchronized (this) {
                            technicalStreak = 0;
                        }
                    }
                })
                .onFailure(e -> LOG.debug("{}: confirmation of offset {} not sent ({}); those events come again",
                        name, confirmation.offset(), e.getMessage()));
    }

    /**
     * A technical failure: nothing at or after this offset is confirmed; what finished before it is confirmed,
     * the session closes, and the next one opens after a back-off and gets the event again.
     */
    private void technicalFailure(ConsumedEventContext context, Throwable failure) {
        context.tracker().failed(context.offset());
        ConsumerSession current;
        long delay;
        synchronized (this) {
            if (context.generation() != generation || restarting || stopping) {
                return;
            }
            restarting = true;
            technicalStreak++;
            delay = backOff(technicalStreak);
            current = session;
        }
        LOG.warn("{}: {} (offset {}) failed with a technical error and is not confirmed; it comes again in a new session"
                        + " after about {} ms. Cause: {}", name, EventRules.name(context.event()), context.offset(), delay,
                failure == null ? "the exchange was marked rollback only" : describe(failure));
        if (current != null) {
            current.pause();
            // what finished before the failure is confirmed first: over long polling, confirm and close are separate requests
            sendConfirmation(context.generation(), context.tracker())
                    .onComplete(confirmed -> current.close());
        }
    }

    /** Stops reading from the current session while too many events are pending; under the monitor, like resume. */
    private synchronized void pause(int of) {
        if (!paused && of == generation && session != null) {
            paused = true;
            session.pause();
        }
    }

    /**
     * Reads again once the pending events are down to half the bound, whichever session they came from. Pausing and
     * resuming happen under this runner's monitor, so the flag and the session never disagree; the session does not
     * call back into the runner while holding its own lock, so this cannot deadlock.
     */
    private synchronized void resumeIfDrained() {
        if (paused && session != null && !restarting && !stopping && pending.get() <= configuration.getMaxPendingEvents() / 2) {
            paused = false;
            session.resume();
        }
    }

    /**
     * Graceful stop: take no more events, let those being processed finish within stopTimeout, confirm what
     * finished, close the session. Events not finished come again later. Blocks the calling thread.
     */
    void stop() {
        ConsumerSession current;
        OffsetTracker currentTracker;
        int currentGeneration;
        synchronized (this) {
            stopping = true;
            vertx.cancelTimer(retryTimer);
            current = session;
            currentTracker = tracker;
            currentGeneration = generation;
        }
        if (current != null) {
            current.pause();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(configuration.getStopTimeout());
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (pending.get() > 0) {
            LOG.warn("{}: {} events still in flight after stopTimeout ({} ms); they are not confirmed and come again",
                    name, pending.get(), configuration.getStopTimeout());
        }
        if (current != null) {
            try {
                // confirm first, then close: over long polling the two are separate requests
                sendConfirmation(currentGeneration, currentTracker).recover(e -> Future.succeededFuture())
                        .compose(confirmed -> current.close())
                        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.debug("{}: closing {} did not complete cleanly: {}", name, current.describe(), e.getMessage());
            }
        }
        synchronized (this) {
            state = State.STOPPED;
            vertx.cancelTimer(confirmTimer);
        }
    }

    synchronized State state() {
        return state;
    }

    /** Why the last session ended or failed to open; null while connected. */
    synchronized Throwable lastError() {
        return lastError;
    }

    String name() {
        return name;
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    }
}
