package org.mconnectevents.camel;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread that owns a consumer session's state: a Vert.x event-loop context of its own. Sessions opened from
 * it deliver their events on it, and timers set on it fire on it, so those run at once; anything else (the lanes
 * finishing exchanges, the route confirming, a stop) hands its change over with {@link #execute(Runnable)}, and the
 * changes run one at a time, in the order handed over. Tasks handed over in a burst share one hop to the event loop.
 */
final class OwnerLoop {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerLoop.class);

    /** How long deferred changes wait at most for a batch to fill before the session runs them anyway. */
    static final long DEFER_AT_MOST_MILLIS = 10;

    private final Context context;
    private final Queue<Runnable> mailbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile Thread thread;
    /** Changes that may wait for a batch: the news of events that finished, while the session runs steadily. */
    private final Queue<Runnable> deferred = new ConcurrentLinkedQueue<>();
    private final AtomicInteger deferredCount = new AtomicInteger();
    private final int deferBatch;
    private volatile boolean deferring;
    private final AtomicBoolean deferredRunScheduled = new AtomicBoolean();

    /**
     * @param deferBatch how many deferred changes may wait before they are handed over (see
     *                   {@link #executeDeferred(Runnable, boolean)})
     */
    OwnerLoop(Vertx vertx, int deferBatch) {
        this.deferBatch = Math.max(1, deferBatch);
        // asked from a thread that is not Vert.x's, getOrCreateContext makes a new event-loop context, whatever thread
        // starts the route (a Vert.x worker on Quarkus would otherwise hand out its own worker context)
        this.context = Vertx.currentContext() == null ? vertx.getOrCreateContext()
                : CompletableFuture.supplyAsync(vertx::getOrCreateContext).join();
        context.runOnContext(ignored -> thread = Thread.currentThread());
    }

    /** Whether the caller runs on the owning thread, where the state may be read and changed directly. */
    boolean isOwner() {
        return Thread.currentThread() == thread;
    }

    /** Runs the change on the owning thread: at once when called there, else after the changes handed over before it. */
    void execute(Runnable change) {
        if (isOwner() && mailbox.isEmpty()) {
            run(change);
            return;
        }
        mailbox.add(change);
        if (draining.compareAndSet(false, true)) {
            context.runOnContext(ignored -> drain());
        }
    }

    /**
     * Runs the change on the owning thread, in order with the other deferred changes, but without waking it for each:
     * while {@linkplain #deferChanges(boolean) deferring}, changes wait until {@code deferBatch} of them are waiting, or
     * the owner runs them ({@link #runDeferred()}: its session runs them every {@link #DEFER_AT_MOST_MILLIS} ms, so that
     * the last events of a burst, which never fill a batch, wait no longer); {@code now} hands them over at once.
     * This keeps one hop to the event loop per batch of finished events instead of one per event.
     */
    void executeDeferred(Runnable change, boolean now) {
        deferred.add(change);
        // read after the add: an owner that stopped deferring before it ran the waiting changes is seen here
        if (deferredCount.incrementAndGet() >= deferBatch || now || !deferring) {
            scheduleDeferredRun();
        }
    }

    /** One run of the deferred changes waiting at a time, not one per change. */
    private void scheduleDeferredRun() {
        if (deferredRunScheduled.compareAndSet(false, true)) {
            execute(this::runDeferred);
        }
    }

    /** On the owning thread: runs the deferred changes waiting now. */
    void runDeferred() {
        deferredRunScheduled.set(false);
        Runnable change;
        while ((change = deferred.poll()) != null) {
            deferredCount.decrementAndGet();
            run(change);
        }
    }

    /**
     * On the owning thread: whether deferred changes may wait for a batch (while the session runs steadily) or must be
     * handed over at once (while it is paused, failing, ending or stopping, when every finished event matters at once).
     * Turning it off runs the changes waiting.
     */
    void deferChanges(boolean defer) {
        deferring = defer;
        if (!defer) {
            runDeferred();
        }
    }

    private void drain() {
        do {
            Runnable change;
            while ((change = mailbox.poll()) != null) {
                run(change);
            }
            draining.set(false);
        } while (!mailbox.isEmpty() && draining.compareAndSet(false, true));
    }

    private static void run(Runnable change) {
        try {
            change.run();
        } catch (RuntimeException | Error e) {
            // a change that fails must not stop the ones after it: the owner would never run again
            LOG.error("A change of a consumer session's state failed; the session goes on", e);
        }
    }

    /** The context the session's work runs on: open sessions and set timers from it. */
    Context context() {
        return context;
    }
}
