package org.mconnectevents.camel;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a consumer waits before its next session: exponential from reconnectDelay up to reconnectMaxDelay, with
 * jitter (half to all of it), counting two kinds of trouble apart: sessions that could not open or ended before they
 * confirmed anything, and sessions ended by a technical failure of an event. Confined to the runner's owner thread.
 * <p>
 * Why not Camel's {@code org.apache.camel.util.backoff.BackOff}, {@code BackOffTimer} or {@code Tasks}: Camel's
 * {@code BackOff} only holds the settings; the arithmetic lives in {@code BackOffTimer}'s tasks, which run each attempt
 * on a scheduler thread of their own and count attempts themselves, whereas an attempt here is a session opened on the
 * runner's Vert.x thread whose outcome comes later, and what counts as a failure is ours to say (a session that
 * received events and confirmed none; a configuration error, which waits the maximum at once). Their delays have no
 * jitter, so consumers cut off together would reconnect together; the first delay is already {@code delay} times the
 * multiplier, and the cap is checked before multiplying, so a delay can pass the maximum. {@code Tasks} evaluates a
 * condition over and over until it holds, at fixed intervals only: a polling loop. And the component runs on Camel 4.10
 * too, where {@code BackOffTimer} is a class (an interface in 4.17, so code built on one breaks on the other) and its
 * task is not public. Using them would add code around them, not remove this class.
 */
final class BackOff {

    private final long base;
    private final long max;
    /** Consecutive attempts that failed to open a session, or sessions that ended before they confirmed anything. */
    private int failures;
    /** Consecutive sessions ended by a technical failure; reset once a session confirms without one. */
    private int technicalStreak;

    BackOff(long reconnectDelay, long reconnectMaxDelay) {
        this.base = Math.max(1, reconnectDelay);
        this.max = Math.max(base, reconnectMaxDelay);
    }

    /**
     * A session ended for a reason of the service or the network. One that opened and either confirmed something or
     * never received anything was working: the delays start again from reconnectDelay. One that did not open, or
     * received events and ended before it confirmed any (a poison event, a session closed at once), counts as one
     * more failed attempt, so a session that keeps ending that way never reconnects at the base delay forever.
     */
    long afterSessionEnded(boolean opened, boolean worked) {
        failures = opened && worked ? 1 : failures + 1;
        return delay(failures);
    }

    /** A technical failure of an event ended the session. */
    long afterTechnicalFailure() {
        return delay(++technicalStreak);
    }

    /** A session confirmed events without a technical failure. */
    void confirmed() {
        technicalStreak = 0;
    }

    /** The delay of attempt {@code attempt} (1 for the first), jittered. */
    long delay(int attempt) {
        long delay = attempt <= 1 ? base : Math.min(max, base << Math.min(30, attempt - 1));
        return delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
    }

    /** The longest delay: for failures that waiting cannot fix, only a change of configuration. */
    long maximum() {
        return max / 2 + ThreadLocalRandom.current().nextLong(max / 2 + 1);
    }
}
