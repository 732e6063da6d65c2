package org.mconnectevents.camel;

import io.cloudevents.CloudEvent;
import org.mconnectevents.client.ConsumedEvent;
import org.mconnectevents.client.ConsumerSession;

import java.util.concurrent.atomic.AtomicReference;

/**
 * What the consumer knows about the event of one exchange: the session it came from (dead reports go there), and
 * what became of it. Travels with the exchange as a property, so that {@code mconnect-events:dead} can report the
 * event and the consumer can tell a reported event from a technical failure.
 * <p>
 * With {@code autoConfirm=false} the route's confirmation and the end of the exchange meet here: an event is
 * finished only once both happened and the exchange did not fail, so a confirmation asked for while the exchange
 * runs never covers an event whose route then fails. The progress moves by compare-and-set, since the route may
 * confirm from any thread; the session's state itself belongs to its {@link SessionRunner}.
 */
final class ConsumedEventContext {

    /** The exchange property holding this context. */
    static final String PROPERTY = "CamelMConnectEventsConsumedEvent";

    private enum Progress { PROCESSING, CONFIRMED_WHILE_PROCESSING, AWAITING_CONFIRMATION, FINISHED, FAILED }

    private final ConsumedEvent consumed;
    private final ConsumerSession session;
    private final SessionRunner runner;
    private final int generation;
    private final AtomicReference<Progress> progress = new AtomicReference<>(Progress.PROCESSING);
    private volatile boolean reportedDead;
    private volatile Throwable refusedAsTechnical;

    ConsumedEventContext(ConsumedEvent consumed, ConsumerSession session, SessionRunner runner, int generation) {
        this.consumed = consumed;
        this.session = session;
        this.runner = runner;
        this.generation = generation;
    }

    /** Which session of the runner the event came from. */
    int generation() {
        return generation;
    }

    ConsumedEvent consumed() {
        return consumed;
    }

    /** The event, or null when it could not be read ({@link ConsumedEvent#undecoded()} says what could). */
    CloudEvent event() {
        return consumed.event();
    }

    /** How logs and errors name the event: source and id, never its data. */
    String name() {
        return consumed.name();
    }

    long offset() {
        return consumed.offset();
    }

    ConsumerSession session() {
        return session;
    }

    /** What the consumer the event came from counts. */
    ConsumerMetrics consumerMetrics() {
        return runner.consumer().metrics();
    }

    void reportedDead() {
        reportedDead = true;
    }

    boolean isReportedDead() {
        return reportedDead;
    }

    /**
     * The dead channel did not report this event, because its failure is technical or because the report itself
     * failed: it must come again.
     */
    void refusedAsTechnical(Throwable failure) {
        refusedAsTechnical = failure;
    }

    Throwable refusedAsTechnical() {
        return refusedAsTechnical;
    }

    /**
     * The route confirms the event ({@link MConnectEventsConfirmation#confirm()}): finished now if its exchange
     * already completed, else once it completes without failing.
     *
     * @throws IllegalStateException when the exchange failed: the event is not confirmed and comes again
     */
    void confirm() {
        while (true) {
            Progress now = progress.get();
            switch (now) {
                case PROCESSING -> {
                    if (progress.compareAndSet(now, Progress.CONFIRMED_WHILE_PROCESSING)) {
                        return;
                    }
                }
                case AWAITING_CONFIRMATION -> {
                    if (progress.compareAndSet(now, Progress.FINISHED)) {
                        runner.confirmedAfterwards(this);
                        return;
                    }
                }
                case FAILED -> throw new IllegalStateException("Cannot confirm " + name() + " (offset " + offset()
                        + "): its exchange failed, so it is not confirmed and comes again in a new session");
                default -> {
                    return; // confirmed already
                }
            }
        }
    }

    /**
     * The exchange ended. Answers whether the event is finished now: it failed (false), or it is done and needs no
     * confirmation of the route (automatic confirmation, reported dead), or the route confirmed it while it ran.
     */
    boolean exchangeEnded(Throwable failure, boolean needsConfirmation) {
        if (failure != null) {
            progress.set(Progress.FAILED);
            return false;
        }
        if (!needsConfirmation || progress.compareAndSet(Progress.CONFIRMED_WHILE_PROCESSING, Progress.FINISHED)) {
            progress.set(Progress.FINISHED);
            return true;
        }
        // the route may confirm from now on, from any thread; if it did in between, the loop above sees it
        return !progress.compareAndSet(Progress.PROCESSING, Progress.AWAITING_CONFIRMATION)
                && progress.compareAndSet(Progress.CONFIRMED_WHILE_PROCESSING, Progress.FINISHED);
    }
}
