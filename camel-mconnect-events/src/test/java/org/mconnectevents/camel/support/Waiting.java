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

    /**
     * {@code throughout(500).until(...)}: the condition holds, checked every 20 ms, for that many milliseconds; how a
     * test shows that something does not happen.
     */
    public static ConditionFactory throughout(long millis) {
        return Awaitility.await().during(Duration.ofMillis(millis)).atMost(Duration.ofMillis(millis + 5000))
                .pollDelay(Duration.ZERO).pollInterval(STEP);
    }
}
