package org.mconnectevents.camel.support;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import java.time.Duration;

/** How the component's tests wait: bounded, checking every 20 ms from the start. */
public final class Waiting {

    private static final Duration STEP = Duration.ofMillis(20);

    private Waiting() {
    }

    /** {@code within(20).untilAsserted(...)}: at most that many seconds. */
    public static ConditionFactory within(int seconds) {
        return Awaitility.await().atMost(Duration.ofSeconds(seconds)).pollDelay(Duration.ZERO).pollInterval(STEP);
    }
}
