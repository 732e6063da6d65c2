package org.mconnectevents.camel;

import org.mconnectevents.client.ConsumerSession;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One session of a {@link SessionRunner}, from the attempt to open it to its end: its confirmations, whether it is
 * paused or failing, the events it delivered while the route was suspended, and what it did, which decides the
 * back-off after it. Confined to the runner's owner thread, but for what the console and the metrics read
 * ({@link #status}), which is written there and volatile.
 */
final class OpenSession implements Confirmations.Listener {

    /** Which session of the runner this is; events carry it, so that news of an ended session is told apart. */
    final int generation;
    final Confirmations confirmations;
    private final OffsetTracker tracker = new OffsetTracker();
    private final ConsumerMetrics metrics;
    private final BackOff backOff;
    private final BiConsumer<Long, Throwable> notConfirmed;
    /** Null until the session opened. */
    ConsumerSession session;
    boolean paused;
    /** An event failed: the session takes no more events, confirms what finished before it, and closes. */
    boolean failing;
    boolean receivedAny;
    /**
     * Events delivered while the route was suspended, in offset order: they go to the lanes on resume, or, when the
     * session ends first, are never confirmed in it and come again.
     */
    final List<ConsumedEventContext> held = new ArrayList<>();
    /** The last offset, and how many events, the service acknowledged a confirmation of; volatile, for any reader. */
    private volatile long confirmedOffset = -1;
    private volatile long confirmedEvents;
    /** After a failure: the back-off before the next session. */
    long retryDelay;
    long confirmTimer = -1;
    long deferTimer = -1;

    /**
     * @param notConfirmed told of a confirmation that could not be sent (its events come again)
     */
    OpenSession(int generation, OwnerLoop owner, int confirmBatchSize, ConsumerMetrics metrics, BackOff backOff,
                BiConsumer<Long, Throwable> notConfirmed) {
        this.generation = generation;
        this.confirmations = new Confirmations(owner, tracker, confirmBatchSize, this);
        this.metrics = metrics;
        this.backOff = backOff;
        this.notConfirmed = notConfirmed;
    }

    void open(ConsumerSession opened) {
        session = opened;
        confirmations.sendOn(opened);
    }

    /** Stops reading (back-pressure, failure, stop); events already received are still delivered. */
    void pause() {
        if (!paused && session != null) {
            paused = true;
            session.pause();
        }
    }

    void resume() {
        if (paused && session != null) {
            paused = false;
            session.resume();
        }
    }

    @Override
    public void confirmed(long offset, int events) {
        confirmedOffset = offset;
        confirmedEvents += events; // one writer, the owner thread
        metrics.confirmed(events);
        if (!confirmations.hasFailed()) {
            backOff.confirmed();
        }
    }

    /** What the session has delivered and confirmed so far, as the console and the metrics show it; from any thread. */
    MConnectEventsSessionStatus status(String name, String state, int pending, String lastError) {
        // Both counts only grow, and no more events are confirmed than were delivered: read the confirmed count first,
        // so that the delivered count read after it is at least as recent and the lag never reads below zero.
        long confirmed = confirmedEvents;
        long delivered = tracker.deliveredEvents();
        return new MConnectEventsSessionStatus(name, state, tracker.lastDelivered(), confirmedOffset, tracker.inFlight(),
                delivered - confirmed, pending, lastError);
    }

    @Override
    public void notConfirmed(long offset, Throwable cause) {
        notConfirmed.accept(offset, cause);
    }
}
