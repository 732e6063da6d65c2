package org.mconnectevents.camel;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.mconnectevents.client.EventCodec;
import org.mconnectevents.client.MConnectEventsRejectedException;
import org.mconnectevents.client.MConnectEventsUnavailableException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single events of one producer that go together as one {@code POST /ce/produce/events}. A batch leaves at once
 * when fewer than {@code maxInFlight} of this coalescer's requests are in flight; otherwise it gathers the events that
 * arrive while the service is busy, and leaves when a request completes, when it is full, or when its first event has
 * waited {@code lingerTime}, whichever comes first. Every event is answered exactly once, with null (stored) or the
 * failure of its own event: a refused batch is halved until the refused events are found (the service stores a batch
 * all or nothing), any other failure fails every event of the batch.
 * <p>
 * Concurrency: this object's monitor guards all of its state (the batch being filled and its size, the linger timer,
 * the requests in flight, the events taken and not answered, closed). Requests are sent and answers handled outside
 * the monitor; callers
 * that find {@code maxWaitingEvents} events waiting wait on it. The service's answer comes on a Vert.x event loop,
 * which hands the answers of a batch to the continuations executor (see {@link Answers}): never on the event loop,
 * in as few hand-offs between threads as the routes that follow allow.
 */
final class Coalescer {

    private static final Logger LOG = LoggerFactory.getLogger(Coalescer.class);

    /** Receives the fate of one event: null when stored, else why not. Called on a thread of the continuations executor. */
    interface Answer {
        void answered(Throwable failure);
    }

    /** Sends a batch body (a JSON array) and completes when the service answered; {@code what} names the batch. */
    interface Sender {
        Future<Void> send(List<byte[]> events, String what);
    }

    /** The settings, checked by the producer at start. */
    record Settings(long lingerMillis, int maxEvents, long maxBytes, int maxWaiting, boolean failWhenFull,
                    int maxInFlight) {
    }

    /** An event taken: its JSON form, how errors name it, and who waits for its fate. */
    private static final class Waiting {
        final byte[] json;
        final String what;
        final Answer answer;

        Waiting(byte[] json, String what, Answer answer) {
            this.json = json;
            this.what = what;
            this.answer = answer;
        }
    }

    /** Below this time per exchange, the routes after this producer count as quick. */
    private static final long QUICK_ROUTE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /** How many runners answer a batch while the routes are quick. */
    private static final int QUICK_RUNNERS = 2;
    /** After this long, what the quick runners of a batch have not taken yet gets a runner each. */
    private static final long STALLED_MILLIS = 10;

    private final Vertx vertx;
    private final Executor continuations;
    /**
     * How long the route after this producer took per exchange lately (moving average): one runner per event until
     * it is known to be quick.
     */
    private volatile long routeNanos = 10 * QUICK_ROUTE_NANOS;
    private final Sender sender;
    private final Settings settings;
    private final Consumer<Integer> requestSent;

    // guarded by this
    private List<Waiting> filling = new ArrayList<>();
    private long fillingBytes;
    private long timer = -1;
    /** Batches sent and not completed (a refused batch and its halves count as one until every half is answered). */
    private int inFlight;
    /** Taken and not answered: in {@link #filling} or in a request. */
    private final Set<Waiting> unanswered = new LinkedHashSet<>();
    private boolean closed;

    Coalescer(Vertx vertx, Executor continuations, Sender sender, Settings settings, Consumer<Integer> requestSent) {
        this.vertx = vertx;
        this.continuations = continuations;
        this.sender = sender;
        this.settings = settings;
        this.requestSent = requestSent;
    }

    /**
     * Takes an event into the batch being filled, in the order callers reach this method; sends the batch when it is
     * full or when fewer than {@code maxInFlight} requests are in flight, else starts its linger timer. Waits while
     * {@code maxWaiting} events are unanswered (fails instead with {@code failWhenFull}, or on a Vert.x event loop,
     * which must never wait).
     *
     * @throws MConnectEventsUnavailableException when full and not waiting, or when the producer is stopping
     */
    void add(byte[] json, String what, Answer answer) throws InterruptedException {
        List<Waiting> full;
        List<Waiting> withIt = null;
        synchronized (this) {
            awaitRoom(what);
            Waiting event = new Waiting(json, what, answer);
            unanswered.add(event);
            full = wouldOverflow(json.length) ? takeForSending() : null;
            filling.add(event);
            fillingBytes += json.length;
            if (filling.size() >= settings.maxEvents() || inFlight < settings.maxInFlight()) {
                withIt = takeForSending();
            } else if (timer < 0) {
                timer = vertx.setTimer(Math.max(1, settings.lingerMillis()), this::lingered);
            }
        }
        send(full);
        send(withIt);
    }

    private void awaitRoom(String what) throws InterruptedException {
        while (!closed && unanswered.size() >= settings.maxWaiting()) {
            if (settings.failWhenFull() || Context.isOnEventLoopThread()) {
                throw new MConnectEventsUnavailableException(0, "Could not take " + what + ": " + unanswered.size()
                        + " events wait for the service (maxWaitingEvents=" + settings.maxWaiting() + "); retry later"
                        + (settings.failWhenFull() ? "" : " (a caller on a Vert.x event loop never waits)"), null);
            }
            wait();
        }
        if (closed) {
            throw new MConnectEventsUnavailableException(0, "Could not take " + what + ": the producer is stopping; retry", null);
        }
    }

    private boolean wouldOverflow(int bytes) {
        return !filling.isEmpty() && EventCodec.jsonArraySize(fillingBytes + bytes, filling.size() + 1) > settings.maxBytes();
    }

    /** The batch being filled, counted in flight from now on (it must be sent); a new one starts. Under the monitor. */
    private List<Waiting> takeForSending() {
        List<Waiting> taken = takeFilling();
        if (!taken.isEmpty()) {
            inFlight++;
        }
        return taken;
    }

    /** The batch being filled; a new one starts. Under the monitor. */
    private List<Waiting> takeFilling() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        List<Waiting> taken = filling;
        filling = new ArrayList<>();
        fillingBytes = 0;
        return taken;
    }

    private void lingered(long firedTimer) {
        List<Waiting> batch;
        synchronized (this) {
            if (timer != firedTimer) {
                return;
            }
            timer = -1;
            batch = takeForSending();
        }
        send(batch);
    }

    /** Sends a batch taken with {@link #takeForSending()}; once every event of it is answered, sends what gathered. */
    private void send(List<Waiting> batch) {
        if (batch != null && !batch.isEmpty()) {
            sendOrHalve(batch).onComplete(done -> requestCompleted());
        }
    }

    /**
     * A batch is answered: the events that gathered while it was in flight leave at once if fewer than
     * {@code maxInFlight} requests remain in flight. Runs on the Vert.x event loop that received the answer (sending is
     * non-blocking), or on the sender's thread when the request failed before it left.
     */
    private void requestCompleted() {
        List<Waiting> gathered = null;
        synchronized (this) {
            inFlight--;
            if (!filling.isEmpty() && inFlight < settings.maxInFlight()) {
                gathered = takeForSending();
            }
        }
        send(gathered);
    }

    /**
     * Sends a batch; when the service refuses it for what one of its events holds, sends each half in turn (so events
     * keep their order) until every refused event is alone. Completes when every event of the batch was answered.
     */
    private Future<Void> sendOrHalve(List<Waiting> batch) {
        Future<Void> sent;
        try {
            requestSent.accept(batch.size());
            sent = sender.send(batch.stream().map(each -> each.json).toList(), describe(batch));
        } catch (RuntimeException e) {
            sent = Future.failedFuture(e);
        }
        return sent.transform(result -> {
            if (result.succeeded()) {
                answer(batch, null);
                return Future.succeededFuture();
            }
            Throwable failure = result.cause();
            if (batch.size() > 1 && refusedForAnEvent(failure)) {
                int half = batch.size() / 2;
                return sendOrHalve(batch.subList(0, half)).compose(done -> sendOrHalve(batch.subList(half, batch.size())));
            }
            answer(batch, failure);
            return Future.succeededFuture();
        });
    }

    /**
     * Whether a refusal may be about one event only, so that halving finds it: malformed (400), a type or source not
     * allowed (401), too large (413), data not matching the schema (422). A wrong URL (404) is the same for all.
     */
    private static boolean refusedForAnEvent(Throwable failure) {
        return failure instanceof MConnectEventsRejectedException rejected
                && (rejected.getStatus() == 400 || rejected.getStatus() == 401 || rejected.getStatus() == 413
                || rejected.getStatus() == 422);
    }

    private void answer(List<Waiting> batch, Throwable failure) {
        List<Waiting> due = new ArrayList<>(batch.size());
        synchronized (this) {
            for (Waiting each : batch) {
                if (unanswered.remove(each)) {
                    due.add(each);
                }
            }
            notifyAll();
        }
        if (!due.isEmpty()) {
            new Answers(due, batch.size(), failure).start();
        }
    }

    /**
     * Answers the events of one batch on the continuations executor: runners take the next unanswered event in turn
     * until none is left. While the routes after this producer are quick, two runners answer a whole batch (a
     * hand-off to another thread costs more than what such a route does); once they take longer, one runner per
     * event, as soon as they start, and a runner whose event took long hands the rest to one more runner, so that
     * what follows in one exchange's route delays another's by at most one such wait. Should the quick runners both
     * wait on something (the answer of another event of the same batch, say), what they have not taken after
     * {@value #STALLED_MILLIS} ms gets a runner each.
     */
    private final class Answers implements Runnable {
        private final List<Waiting> due;
        private final int batchSize;
        private final Throwable failure;
        private final AtomicInteger next = new AtomicInteger();

        Answers(List<Waiting> due, int batchSize, Throwable failure) {
            this.due = due;
            this.batchSize = batchSize;
            this.failure = failure;
        }

        void start() {
            int runners = routeNanos < QUICK_ROUTE_NANOS ? Math.min(due.size(), QUICK_RUNNERS) : due.size();
            for (int i = 0; i < runners; i++) {
                continuations.execute(this);
            }
            if (runners < due.size()) {
                // should every runner wait for something that needs another event of this batch answered first
                try {
                    vertx.setTimer(STALLED_MILLIS, timer -> runTheRest());
                } catch (RuntimeException closing) {
                    runTheRest(); // Vert.x takes no more timers: a runner for each event, as when routes are slow
                }
            }
        }

        /** A runner for each event no runner has taken yet. */
        private void runTheRest() {
            for (int left = due.size() - next.get(); left > 0; left--) {
                continuations.execute(this);
            }
        }

        @Override
        public void run() {
            int taken;
            while ((taken = next.getAndIncrement()) < due.size()) {
                Waiting event = due.get(taken);
                long started = System.nanoTime();
                try {
                    event.answer.answered(failure == null ? null : ownFailure(event, batchSize, failure));
                } catch (RuntimeException e) {
                    // Camel's callbacks handle what fails in a route: a bug, and the batch's other events must go on
                    LOG.warn("Continuing an exchange after its coalesced batch was answered failed with {}",
                            e.getClass().getName());
                }
                long took = System.nanoTime() - started;
                routeNanos += (took - routeNanos) / 8; // racy on purpose: an estimate, written by every runner
                if (took >= QUICK_ROUTE_NANOS && next.get() < due.size()) {
                    continuations.execute(this);
                }
            }
        }
    }

    /** The failure as the exchange of one event of the batch sees it: naming its event. */
    private static Throwable ownFailure(Waiting event, int batchSize, Throwable failure) {
        if (batchSize == 1) {
            return failure;
        }
        String message = "Could not produce " + event.what + ", sent in a coalesced batch of " + batchSize + " events: "
                + failure.getMessage();
        if (failure instanceof MConnectEventsRejectedException rejected) {
            return new MConnectEventsRejectedException(rejected.getStatus(), rejected.getServerText(), message);
        }
        int status = failure instanceof MConnectEventsUnavailableException unavailable ? unavailable.getStatus() : 0;
        return new MConnectEventsUnavailableException(status, message, failure);
    }

    private static String describe(List<Waiting> batch) {
        return batch.size() == 1 ? batch.get(0).what
                : "a coalesced batch of " + batch.size() + " events (first " + batch.get(0).what + ")";
    }

    /**
     * Stops taking events, sends the batch being filled and waits up to {@code timeout} for every event taken to be
     * answered; callers waiting for room fail. Events the service has not answered by then are answered with
     * {@link MConnectEventsUnavailableException} (they may or may not be stored), so that nothing is left waiting.
     */
    void close(long timeoutMillis) throws InterruptedException {
        List<Waiting> last;
        synchronized (this) {
            closed = true;
            last = takeForSending();
            notifyAll();
        }
        send(last);
        List<Waiting> late;
        synchronized (this) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            long left;
            while (!unanswered.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            late = new ArrayList<>(unanswered);
        }
        for (Waiting each : late) {
            answer(List.of(each), new MConnectEventsUnavailableException(0, "Could not learn the fate of " + each.what
                    + ": the producer stopped before MConnect Events answered (after " + timeoutMillis + " ms); the event "
                    + "may or may not be stored, and sending it again is safe", null));
        }
    }

    /** Events taken and not answered yet. */
    synchronized int waiting() {
        return unanswered.size();
    }
}
