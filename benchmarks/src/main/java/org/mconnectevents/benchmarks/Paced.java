package org.mconnectevents.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Sends requests at a fixed rate, whatever the answers, for a given time, and records how long each took to be
 * answered: the latency an event sees at a low rate, where coalescing adds its linger time and saves nothing.
 */
final class Paced {

    private Paced() {
    }

    /** Sends request {@code n} every {@code 1 / perSecond} s for {@code duration}; answers the latency of each. */
    static Timing.Latency runFor(Duration duration, int perSecond, IntFunction<CompletionStage<?>> request) throws Exception {
        int count = (int) (duration.toMillis() * perSecond / 1000);
        long[] latencies = new long[count];
        CompletableFuture<?>[] answers = new CompletableFuture<?>[count];
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        try {
            long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
            for (int n = 0; n < count; n++) {
                int index = n;
                answers[n] = new CompletableFuture<>();
                clock.schedule(() -> {
                    long sent = System.nanoTime();
                    request.apply(index).whenComplete((result, failure) -> {
                        latencies[index] = System.nanoTime() - sent;
                        if (failure != null) {
                            answers[index].completeExceptionally(failure);
                        } else {
                            answers[index].complete(null);
                        }
                    });
                }, n * period, TimeUnit.NANOSECONDS);
            }
            CompletableFuture.allOf(answers).get(duration.toSeconds() + 60, TimeUnit.SECONDS);
        } finally {
            clock.shutdownNow();
        }
        return Timing.Latency.of(latencies);
    }
}
