package org.mconnectevents.emulator.server;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The Vert.x context whose thread owns the broker, the long-polling instances and the consumer sessions'
 * state. Connections live on other event loops and hand their work to it; writes it makes to those
 * connections are queued to their loops and flushed together, which is what keeps WebSocket delivery cheap.
 */
public final class BrokerLoop {

    private final Context context;

    public BrokerLoop(Context context) {
        this.context = context;
    }

    /** Runs the task on the owning thread: now if already there, else after the tasks handed over before it. */
    public void run(Runnable task) {
        if (Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }

    /** A timer whose task runs on the owning thread. */
    long setTimer(long delayMillis, Runnable task) {
        return context.owner().setTimer(Math.max(1, delayMillis), id -> run(task));
    }

    void cancelTimer(long id) {
        context.owner().cancelTimer(id);
    }
}
