package org.mconnectevents.emulator.support;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import java.time.Duration;

/**
 * Awaitility as the emulator tests wait: bounded (10 s unless a test says otherwise), and checking every 10 ms
 * from the start, so that a test waits about as long as the emulator takes and not a polling step more.
 */
public final class Soon {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Duration STEP = Duration.ofMillis(10);

    private Soon() {
    }

    /** {@code soon().until(() -> socket.count() == 3)}: within 10 s. */
    public static ConditionFactory soon() {
        return Awaitility.await().atMost(BOUND).pollDelay(Duration.ZERO).pollInterval(STEP);
    }
}
