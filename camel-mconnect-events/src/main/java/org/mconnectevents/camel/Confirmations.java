package org.mconnectevents.camel;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.mconnectevents.client.ConsumerSession;

import java.util.ArrayList;
import java.util.List;

/**
 * The confirmations of one session on their way to the service: cumulative, at most every confirmInterval or as soon
 * as confirmBatchSize events finished, never past an event in flight or failed (the {@link OffsetTracker} decides),
 * and each one on the wire higher than the one before: sent from the owner thread only, and over long polling (where
 * each is a request of its own and two in flight could overtake each other) one at a time. Confined to the runner's
 * owner thread; the answers of the service come back through the {@link OwnerLoop}.
 */
final class Confirmations {

    private final OwnerLoop owner;
    private final OffsetTracker tracker;
    private final int batchSize;
    private final Listener listener;
    private ConsumerSession session;
    private boolean oneAtATime;
    /** Confirmations sent and not yet answered. */
    private int sending;
    private boolean sendAgain;
    private boolean confirmedAny;
    private final List<Promise<Void>> idleWaiters = new ArrayList<>();

    /** What became of a confirmation. Called on the owner thread. */
    interface Listener {
        void confirmed(long offset, int events);

        void notConfirmed(long offset, Throwable cause);
    }

    Confirmations(OwnerLoop owner, OffsetTracker tracker, int batchSize, Listener listener) {
        this.owner = owner;
        this.tracker = tracker;
        this.batchSize = batchSize;
        this.listener = listener;
    }

    /** The session opened: confirmations can be sent from now on. */
    void sendOn(ConsumerSession opened) {
        this.session = opened;
        this.oneAtATime = !opened.keepsConfirmationsInOrder();
    }

    void delivered(long offset) {
        tracker.delivered(offset);
    }

    /** An event finished; a confirmation leaves at once when confirmBatchSize are waiting for one. */
    void finished(long offset) {
        if (tracker.finished(offset) >= batchSize) {
            send();
        }
    }

    /** An event failed: nothing at or after it is confirmed in this session. */
    void failed(long offset) {
        tracker.failed(offset);
    }

    boolean hasFailed() {
        return tracker.hasFailed();
    }

    /** Whether the service acknowledged a confirmation of this session. */
    boolean confirmedAny() {
        return confirmedAny;
    }

    /** Sends what is confirmable now, unless a confirmation is on its way (then right after it). */
    void send() {
        if (session == null) {
            completeIdleWaiters(); // nothing can be sent before the session opened
            return;
        }
        if (oneAtATime && sending > 0) {
            sendAgain = true;
            return;
        }
        OffsetTracker.Confirmation confirmation = tracker.takeConfirmation();
        if (confirmation == null) {
            completeIdleWaiters();
            return;
        }
        sending++;
        confirm(confirmation).onComplete(result -> owner.execute(() -> {
            sending--;
            if (result.succeeded()) {
                confirmedAny = true;
                listener.confirmed(confirmation.offset(), confirmation.events());
            } else {
                listener.notConfirmed(confirmation.offset(), result.cause());
            }
            if (sendAgain || !idleWaiters.isEmpty()) {
                sendAgain = false;
                send();
            }
        }));
    }

    /** Sends what is confirmable now; completes once nothing is left on its way, whether it succeeded or not. */
    Future<Void> flush() {
        Promise<Void> idle = Promise.promise();
        idleWaiters.add(idle);
        send();
        return idle.future();
    }

    private void completeIdleWaiters() {
        if (sending == 0) {
            List<Promise<Void>> waiting = List.copyOf(idleWaiters);
            idleWaiters.clear();
            waiting.forEach(Promise::tryComplete);
        }
    }

    private Future<Void> confirm(OffsetTracker.Confirmation confirmation) {
        try {
            return session.confirm(confirmation.offset());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
