package org.mconnectevents.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Keeps a fixed number of requests in flight for a given time: each answer starts the next request until the time
 * is up, then the last answers are awaited. Every producing client of the benchmark is driven by this, so all of
 * them get the same concurrency. The counters are guarded by this object's monitor.
 */
final class InFlight {

    private static final int STALLED_SECONDS = 30;

    private final IntFunction<CompletionStage<?>> request;
    private final long deadline;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private int started;
    private int outstanding;
    private int answered;
    private boolean closed;

    private InFlight(Duration duration, IntFunction<CompletionStage<?>> request) {
        this.request = request;
        this.deadline = System.nanoTime() + duration.toNanos();
    }

    /**
     * Sends requests {@code 0, 1, 2...} with {@code inFlight} of them outstanding for {@code duration}, waits for the
     * answers of those sent, and answers how many there were; the first failure fails the run.
     */
    static int runFor(Duration duration, int inFlight, IntFunction<CompletionStage<?>> request) throws Exception {
        InFlight run = new InFlight(duration, request);
        for (int i = 0; i < inFlight; i++) {
            run.sendNext();
        }
        run.await();
        return run.answered();
    }

    private void sendNext() {
        int index;
        synchronized (this) {
            if (System.nanoTime() >= deadline) {
                closed = true;
            }
            if (closed) {
                if (outstanding == 0) {
                    done.complete(null);
                }
                return;
            }
            index = started++;
            outstanding++;
        }
        CompletionStage<?> answer;
        try {
            answer = request.apply(index);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return;
        }
        answer.whenComplete((result, failure) -> {
            if (failure != null) {
                done.completeExceptionally(new IllegalStateException("request " + index + " failed: " + failure, failure));
                return;
            }
            synchronized (this) {
                outstanding--;
                answered++;
            }
            sendNext();
        });
    }

    private synchronized int answered() {
        return answered;
    }

    /** Waits for the last answer; a run in which no answer came for {@link #STALLED_SECONDS} fails. */
    private void await() throws Exception {
        int seen = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            try {
                done.get(1, TimeUnit.SECONDS);
                return;
            } catch (TimeoutException e) {
                int now = answered();
                if (now != seen) {
                    seen = now;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(STALLED_SECONDS)) {
                    throw new IllegalStateException("stalled: no answer for " + STALLED_SECONDS + " s after " + now
                            + " answers", e);
                }
            }
        }
    }
}
