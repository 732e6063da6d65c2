package org.mconnectevents.camel;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one thread that owns a consumer session's state: a Vert.x event-loop context of its own. Sessions opened from
 * it deliver their events on it, and timers set on it fire on it, so those run at once; anything else (the lanes
 * finishing exchanges, the route confirming, a stop) hands its change over with {@link #execute(Runnable)}, and the
 * changes run one at a time, in the order handed over. Tasks handed over in a burst share one hop to the event loop.
 */
final class OwnerLoop {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerLoop.class);

    private final Context context;
    private final Queue<Runnable> mailbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile Thread thread;

    OwnerLoop(Vertx vertx) {
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
