package org.mconnectevents.camel;

import io.vertx.core.Vertx;

/**
 * The events a {@link SessionRunner} handed to the lanes and is not yet done with, of every generation: the bound
 * (maxPendingEvents) at which its session stops reading and the half at which it reads again, and what waits until
 * none is pending (the next session, the end of a stop), for stopTimeout at most. Changed on the runner's owner thread
 * only; the count is read by any thread (Camel waits for it to reach zero while it suspends the route).
 */
final class PendingEvents {

    private final Vertx vertx;
    private final OwnerLoop owner;
    private final int bound;
    private final long idleTimeout;
    private volatile int count;
    /** What to do once no event is pending any more, or null. */
    private Runnable whenIdle;
    private long idleTimer = -1;

    PendingEvents(Vertx vertx, OwnerLoop owner, int bound, long idleTimeout) {
        this.vertx = vertx;
        this.owner = owner;
        this.bound = bound;
        this.idleTimeout = Math.max(1, idleTimeout);
    }

    /** One more event handed to the lanes; answers whether the bound is reached, so that the session stops reading. */
    boolean added() {
        count = count + 1; // one writer, the owner thread
        return count >= bound;
    }

    /** One event fewer; runs what waits once none is left. */
    void done() {
        count = count - 1;
        if (count == 0 && whenIdle != null) {
            runWhenIdle();
        }
    }

    /** Whether a session paused at the bound may read again: down to half of it. */
    boolean roomToRead() {
        return count <= bound / 2;
    }

    int count() {
        return count;
    }

    /** Runs {@code action} once no event is pending, or after stopTimeout at the latest, instead of any action waiting. */
    void whenIdle(Runnable action) {
        whenIdle = null;
        vertx.cancelTimer(idleTimer);
        if (count == 0) {
            action.run();
            return;
        }
        whenIdle = action;
        idleTimer = vertx.setTimer(idleTimeout, timer -> owner.execute(this::runWhenIdle));
    }

    /** Runs what waits now, whatever is still pending (a stop that cannot wait any longer). */
    void stopWaiting() {
        runWhenIdle();
    }

    private void runWhenIdle() {
        Runnable action = whenIdle;
        whenIdle = null;
        vertx.cancelTimer(idleTimer);
        if (action != null) {
            action.run();
        }
    }
}
