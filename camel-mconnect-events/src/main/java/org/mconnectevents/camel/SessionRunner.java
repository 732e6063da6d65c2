package org.mconnectevents.camel;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.mconnectevents.client.ConsumeOptions;
import org.mconnectevents.client.ConsumedEvent;
import org.mconnectevents.client.ConsumerSession;
import org.mconnectevents.client.MConnectEventsClient;
import org.mconnectevents.client.MConnectEventsConfigurationException;
import org.mconnectevents.client.SessionListener;
import org.mconnectevents.client.UnreadableBatchException;
import org.mconnectevents.client.UnreadableFrameException;
import org.mconnectevents.client.WebSocketSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps one consumer session open, forever: opens it, hands its events to the lanes, confirms what finished, and
 * after the session ends (closed by the service, connection lost, instance expired, a technical failure) waits for
 * the events still in flight, backs off with jitter and opens a new one. Events not confirmed in a session come
 * again in the next.
 * <p>
 * While the route is suspended the session stays open but reads nothing more; the events it still delivers are held
 * and go to the lanes on resume, in their order.
 * <p>
 * Every change of the runner's state (the open session, its offsets and confirmations, pause and resume, suspension,
 * failure, reconnection, stop) runs on one thread, its {@link OwnerLoop}; the lanes, the route and the timers hand their
 * news over to it. Other threads read only {@link #state()}, {@link #lastError()}, {@link #isLive(int)},
 * {@link #pendingEvents()} and {@link #status()}.
 */
final class SessionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRunner.class);

    enum State { CONNECTING, CONNECTED, RECONNECTING, STOPPED }

    private final MConnectEventsConsumer consumer;
    private final MConnectEventsConfiguration configuration;
    private final ConsumerMetrics metrics;
    private final MConnectEventsClient client;
    private final ConsumeOptions consumeOptions;
    private final Vertx vertx;
    private final Lanes lanes;
    private final EventProcessing processing;
    private final String name;
    private final OwnerLoop owner;
    private final BackOff backOff;
    private final PendingEvents pending;

    // owned by the owner thread
    /** Volatile only so that {@link #status()} reads the session open now from any thread. */
    private volatile OpenSession current;
    private int generation;
    private boolean stopping;
    /** The route is suspended: the session reads nothing, and what it still delivers is held until the resume. */
    private boolean suspended;
    private boolean everConnected;
    /** Long polling: the last session ended on a batch it could not read, so the next takes events one at a time. */
    private boolean singleEventsNext;
    private long retryTimer = -1;
    private Promise<Void> stopped;

    // written by the owner thread, read by any
    private volatile State state = State.CONNECTING;
    private volatile Throwable lastError;
    /**
     * The generation whose events may still be processed; 0 while none may (failing, ended, stopping). Set by the
     * owner thread; a lane whose event failed closes it at once, before it takes its next event.
     */
    private final AtomicInteger liveGeneration = new AtomicInteger();

    SessionRunner(MConnectEventsConsumer consumer, MConnectEventsClient client, ConsumeOptions consumeOptions, Vertx vertx,
                  Lanes lanes, EventProcessing processing, String name) {
        this.consumer = consumer;
        this.configuration = consumer.getEndpoint().getConfiguration();
        this.metrics = consumer.metrics();
        this.client = client;
        this.consumeOptions = consumeOptions;
        this.vertx = vertx;
        this.lanes = lanes;
        this.processing = processing;
        this.name = name;
        this.owner = new OwnerLoop(vertx, Math.min(configuration.getConfirmBatchSize(), configuration.getMaxPendingEvents() / 4));
        this.backOff = new BackOff(configuration.getReconnectDelay(), configuration.getReconnectMaxDelay());
        this.pending = new PendingEvents(vertx, owner, configuration.getMaxPendingEvents(), configuration.getStopTimeout());
    }

    void start() {
        owner.execute(this::connect);
    }

    private void connect() {
        if (stopping) {
            return;
        }
        state = everConnected ? State.RECONNECTING : State.CONNECTING;
        OpenSession opening = new OpenSession(++generation, owner, configuration.getConfirmBatchSize(), metrics, backOff,
                (offset, cause) -> consumer.problem(LOG, name + ": the confirmation of offset " + offset + " was not sent ("
                        + describe(cause) + "); the events it covers come again", cause));
        boolean pollSingleEvents = singleEventsNext;
        singleEventsNext = false;
        current = opening;
        liveGeneration.set(opening.generation);
        SessionListener listener = new Listener(opening);
        Future<ConsumerSession> opened = "longpolling".equals(configuration.getTransport())
                ? client.openLongPollingSession(consumeOptions, pollSingleEvents, listener)
                : client.openWebSocketSession(consumeOptions, new WebSocketSettings(Duration.ofMillis(configuration.getPingInterval()),
                Duration.ofMillis(configuration.getPingTimeout())), listener);
        opened.onComplete(result -> owner.execute(() -> {
            if (result.failed()) {
                ended(opening, result.cause());
            } else {
                opened(opening, result.result());
            }
        }));
    }

    private void opened(OpenSession opening, ConsumerSession session) {
        if (opening != current || stopping) {
            session.close();
            return;
        }
        opening.open(session);
        if (suspended) {
            opening.pause(); // opened while the route is suspended: it reads from the resume on
        } else {
            owner.deferChanges(true);
        }
        state = State.CONNECTED;
        lastError = null;
        if (everConnected) {
            metrics.reconnected();
        }
        everConnected = true;
        long interval = Math.max(10, configuration.getConfirmInterval());
        opening.confirmTimer = vertx.setPeriodic(interval, interval, timer -> owner.execute(() -> {
            owner.runDeferred();
            opening.confirmations.send();
        }));
        // the last events of a burst never fill a batch of deferred news: they wait this long at most
        opening.deferTimer = vertx.setPeriodic(OwnerLoop.DEFER_AT_MOST_MILLIS, timer -> owner.execute(owner::runDeferred));
        LOG.info("{}: consuming {} on {}", name, consumeOptions.describe(), session.describe());
    }

    /** What the session of one generation delivers, handed over to the owner thread. */
    private final class Listener implements SessionListener {
        private final OpenSession open;

        Listener(OpenSession open) {
            this.open = open;
        }

        @Override
        public void onEvent(ConsumerSession from, ConsumedEvent event) {
            owner.execute(() -> received(open, from, event));
        }

        @Override
        public void onUnreadable(ConsumerSession from, UnreadableFrameException problem) {
            owner.execute(() -> consumer.problem(LOG, name + ": skipped a message of " + from.describe() + " that is not an"
                    + " event with an offset (" + problem.getMessage() + "); the next confirmation covers it", problem));
        }

        @Override
        public void onClosed(Throwable cause) {
            owner.execute(() -> ended(open, cause));
        }
    }

    private void received(OpenSession open, ConsumerSession from, ConsumedEvent event) {
        if (open != current || open.failing || stopping) {
            return; // not tracked, so never confirmed in this session: it comes again in a later one
        }
        open.receivedAny = true;
        open.confirmations.delivered(event.offset());
        ConsumedEventContext context = new ConsumedEventContext(event, from, this, open.generation);
        if (suspended) {
            // read before the pause took effect, or answered to the poll that was waiting: it waits for the resume
            open.held.add(context);
            return;
        }
        dispatch(open, context);
    }

    private void dispatch(OpenSession open, ConsumedEventContext context) {
        if (pending.added()) {
            open.pause();
            owner.deferChanges(false); // every finished event counts now, to read again in time
        }
        try {
            lanes.dispatch(context.consumed().partitionKey(), () -> processing.run(this, context));
        } catch (RuntimeException e) {
            // the lanes refuse work only while they shut down: the event failed, it comes again
            technicalFailure(open, context, e);
            done();
        }
    }

    /** Whether events of this generation may still be processed; read by the lanes. */
    boolean isLive(int generation) {
        return generation == liveGeneration.get();
    }

    // what became of an event: from the lanes (and the route, for a late confirmation), handed over to the owner

    void finished(ConsumedEventContext context) {
        owner.executeDeferred(() -> {
            OpenSession open = sessionOf(context);
            if (open != null) {
                open.confirmations.finished(context.offset());
            }
            done();
        }, false);
    }

    void awaitingConfirmation(ConsumedEventContext context) {
        owner.executeDeferred(this::done, false);
    }

    void skipped(ConsumedEventContext context) {
        owner.executeDeferred(this::done, false);
    }

    void confirmedAfterwards(ConsumedEventContext context) {
        owner.executeDeferred(() -> {
            OpenSession open = sessionOf(context);
            if (open != null) {
                open.confirmations.finished(context.offset());
            }
        }, false);
    }

    void failed(ConsumedEventContext context, Throwable failure) {
        // later events of the session must not run meanwhile: they come again after the failed one, in their order
        liveGeneration.compareAndSet(context.generation(), 0);
        owner.executeDeferred(() -> {
            OpenSession open = sessionOf(context);
            if (open != null) {
                technicalFailure(open, context, failure);
            }
            done();
        }, true);
    }

    /** The open session an event came from, or null when that session is gone. */
    private OpenSession sessionOf(ConsumedEventContext context) {
        return current != null && current.generation == context.generation() ? current : null;
    }

    /** One event fewer pending: goes on once none is pending, and reads again once down to half the bound. */
    private void done() {
        pending.done();
        readAgainIfRoom();
    }

    /** Resumes a paused session once down to half the bound of pending events, unless it fails, stops or is suspended. */
    private void readAgainIfRoom() {
        if (current != null && current.paused && pending.roomToRead() && !current.failing
                && !stopping && !suspended) {
            current.resume();
            owner.deferChanges(true);
        }
    }

    /**
     * The route is being suspended: the session stays open but reads nothing more (a session opened meanwhile too), and
     * events it still delivers are held; events already handed to the lanes finish and are confirmed. Completes once
     * this holds, so that from then on {@link #pendingEvents()} only goes down.
     */
    Future<Void> suspend() {
        Promise<Void> applied = Promise.promise();
        owner.execute(() -> {
            suspended = true;
            owner.deferChanges(false);
            if (current != null) {
                current.pause();
            }
            applied.complete();
        });
        return applied.future();
    }

    /** The route resumed: the held events go to the lanes in their order, and the session reads again. */
    void resume() {
        owner.execute(() -> {
            suspended = false;
            OpenSession open = current;
            if (open != null && !open.failing && !stopping) {
                List<ConsumedEventContext> resumed = List.copyOf(open.held);
                open.held.clear();
                resumed.forEach(context -> dispatch(open, context));
            }
            readAgainIfRoom();
        });
    }

    /** Events handed to the lanes and not yet done with: what Camel waits for before a route counts as suspended. */
    int pendingEvents() {
        return pending.count();
    }

    /**
     * A technical failure: nothing at or after this offset is confirmed; what finished before it is confirmed,
     * the session closes, and the next one opens after a back-off and gets the event again.
     */
    private void technicalFailure(OpenSession open, ConsumedEventContext context, Throwable failure) {
        open.confirmations.failed(context.offset());
        if (open.failing) {
            return;
        }
        open.failing = true;
        liveGeneration.set(0);
        owner.deferChanges(false);
        open.retryDelay = backOff.afterTechnicalFailure();
        LOG.warn("{}: {} (offset {}) failed with a technical error and is not confirmed; it comes again in a new session"
                        + " after about {} ms. Cause: {}", name, context.name(), context.offset(), open.retryDelay,
                failure == null ? "unknown" : consumer.getEndpoint().redaction().message(failure));
        open.pause();
        // what finished before the failure is confirmed first: over long polling, confirm and close are separate requests
        open.confirmations.flush().onComplete(flushed -> owner.execute(() -> close(open)));
    }

    /** The session of this generation ended (or never opened): reconnect after a back-off, once its events are done. */
    private void ended(OpenSession open, Throwable cause) {
        if (open != current) {
            return;
        }
        current = null;
        liveGeneration.set(0);
        owner.deferChanges(false);
        vertx.cancelTimer(open.confirmTimer);
        vertx.cancelTimer(open.deferTimer);
        if (stopping) {
            return;
        }
        state = State.RECONNECTING;
        singleEventsNext = cause instanceof UnreadableBatchException;
        long delay;
        if (cause instanceof MConnectEventsConfigurationException) {
            delay = backOff.maximum(); // retrying cannot fix it, only a change of configuration
        } else if (open.failing) {
            delay = open.retryDelay;
        } else {
            delay = backOff.afterSessionEnded(open.session != null, open.confirmations.confirmedAny() || !open.receivedAny);
        }
        if (cause != null) {
            lastError = cause;
            consumer.problem(LOG, name + ": session ended (" + describe(cause) + "); reconnecting in " + delay + " ms", cause);
        }
        retryTimer = vertx.setTimer(Math.max(1, delay), timer -> owner.execute(() -> {
            retryTimer = -1;
            if (stopping) {
                return;
            }
            // the next session opens once the events of the last one are done with, so that a partition that moves
            // never has two events of one key in flight; a stuck exchange delays this by stopTimeout at most
            pending.whenIdle(this::connect);
        }));
    }

    /**
     * Graceful stop: take no more events, let those being processed finish within stopTimeout, confirm what
     * finished, close the session. Events not finished come again later. Completes once the session is closed.
     */
    Future<Void> stop() {
        Promise<Void> done = Promise.promise();
        owner.execute(() -> {
            stopping = true;
            stopped = done;
            owner.deferChanges(false);
            vertx.cancelTimer(retryTimer);
            if (current != null) {
                current.pause();
            }
            pending.whenIdle(this::finishStop);
        });
        return done.future();
    }

    /**
     * A stop that cannot wait for stopTimeout (Camel's own shutdown timeout ran out first): ends the wait for the events
     * in flight now; what finished is confirmed, the session closes, the others come again.
     */
    void stopNow() {
        owner.execute(() -> {
            if (stopping) {
                pending.stopWaiting();
            }
        });
    }

    private void finishStop() {
        liveGeneration.set(0);
        if (pending.count() > 0) {
            LOG.warn("{}: {} events still in flight after stopTimeout ({} ms); they are not confirmed and come again",
                    name, pending.count(), configuration.getStopTimeout());
        }
        OpenSession open = current;
        if (open == null || open.session == null) {
            // a session still opening is closed by opened(), which sees the stop
            state = State.STOPPED;
            stopped.complete();
            return;
        }
        vertx.cancelTimer(open.confirmTimer);
        vertx.cancelTimer(open.deferTimer);
        // confirm first, then close: over long polling the two are separate requests
        open.confirmations.flush()
                .compose(confirmed -> open.session.close())
                .onComplete(closed -> owner.execute(() -> {
                    current = null;
                    state = State.STOPPED;
                    stopped.complete();
                }));
    }

    State state() {
        return state;
    }

    /** The session as the console and the metrics show it; from any thread. */
    MConnectEventsSessionStatus status() {
        OpenSession open = current;
        Throwable error = lastError;
        String describedError = error == null ? null : describe(error);
        return open == null
                ? new MConnectEventsSessionStatus(name, state.name(), -1, -1, 0, 0, pending.count(), describedError)
                : open.status(name, state.name(), pending.count(), describedError);
    }

    /** The consumer this runner keeps a session open for. */
    MConnectEventsConsumer consumer() {
        return consumer;
    }

    /** Why the last session ended or failed to open; null while connected. */
    Throwable lastError() {
        return lastError;
    }

    String name() {
        return name;
    }

    /** Closes the session; one that never opened ends at once. */
    private void close(OpenSession open) {
        if (open.session != null) {
            open.session.close();
        } else {
            ended(open, null);
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    }
}
