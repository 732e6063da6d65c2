package org.mconnectevents.camel;

import org.mconnectevents.camel.client.ConsumerSession;

/**
 * One session of a {@link SessionRunner}, from the attempt to open it to its end: its confirmations, whether it is
 * paused or failing, and what it did, which decides the back-off after it. Confined to the runner's owner thread.
 */
final class OpenSession {

    /** Which session of the runner this is; events carry it, so that news of an ended session is told apart. */
    final int generation;
    Confirmations confirmations;
    /** Null until the session opened. */
    ConsumerSession session;
    boolean paused;
    /** An event failed: the session takes no more events, confirms what finished before it, and closes. */
    boolean failing;
    boolean receivedAny;
    /** After a failure: the back-off before the next session. */
    long retryDelay;
    long confirmTimer = -1;

    OpenSession(int generation) {
        this.generation = generation;
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
}
