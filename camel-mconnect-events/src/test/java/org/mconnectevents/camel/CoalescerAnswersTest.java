package org.mconnectevents.camel;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a coalesced batch's answers reach the exchanges: never on the thread that received the service's answer, in few
 * hand-offs to other threads while what follows each exchange is quick, and side by side once it is not, so that a
 * route that waits after the producer does not hold back the other exchanges of its batch.
 */
class CoalescerAnswersTest {

    private static final int BATCH = 40;

    private final Vertx vertx = Vertx.vertx();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final AtomicInteger handOffs = new AtomicInteger();
    /** A service that stores every batch at once. */
    private final Coalescer coalescer = new Coalescer(vertx, task -> {
        handOffs.incrementAndGet();
        pool.execute(task);
    }, (events, what) -> Future.succeededFuture(),
            // a batch leaves when full: every batch of this test is exactly BATCH events
            new Coalescer.Settings(60_000, BATCH, 1 << 20, 10_000, false, 0), events -> { });

    @AfterEach
    void stop() throws Exception {
        pool.shutdownNow();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void onceTheRoutesAfterTheProducerAreQuickABatchIsAnsweredInAFewHandOffsNotOnePerEvent() throws Exception {
        List<Integer> handOffsPerBatch = answeredUntilQuick();

        // the first batches are answered one hand-off per event, until their routes are known to be quick (a cold JVM
        // makes even an empty route slow at first)
        assertThat(handOffsPerBatch.get(0)).as("the first batch: a hand-off per event").isGreaterThanOrEqualTo(BATCH);
        assertThat(handOffsPerBatch.get(handOffsPerBatch.size() - 1))
                .as("hand-offs per batch of " + BATCH + " events whose routes are quick: " + handOffsPerBatch)
                .isLessThan(10);
    }

    @Test
    void whenTheQuickRunnersOfABatchBothWaitForTheOtherExchangesOfItTheseStillContinue() throws Exception {
        answeredUntilQuick();

        List<Boolean> metTheOthers = answeredSideBySide(0);

        assertThat(metTheOthers).as("each exchange waited until every other of its batch was continuing too")
                .hasSize(BATCH).containsOnly(true);
    }

    @Test
    void onceTheRoutesAfterTheProducerWaitTheExchangesOfABatchContinueSideBySide() throws Exception {
        answered(0, failure -> { });
        answered(1, failure -> busyFor(TimeUnit.MILLISECONDS.toNanos(1)));

        List<Boolean> metTheOthers = answeredSideBySide(2);

        assertThat(metTheOthers).as("each exchange waited until every other of its batch was continuing too")
                .hasSize(BATCH).containsOnly(true);
    }

    /** Answers batches whose routes do nothing until one is answered in fewer than 10 hand-offs (at most 30 batches). */
    private List<Integer> answeredUntilQuick() throws Exception {
        List<Integer> handOffsPerBatch = new ArrayList<>();
        for (int batch = 0; batch < 30 && (handOffsPerBatch.isEmpty() || handOffsPerBatch.get(batch - 1) >= 10); batch++) {
            handOffs.set(0);
            List<String> threads = answered(100 + batch, failure -> { });
            assertThat(threads).as("every event answered as stored, off the adding thread").hasSize(BATCH)
                    .doesNotContain(Thread.currentThread().getName())
                    .noneMatch(answer -> answer.startsWith("failed: "));
            handOffsPerBatch.add(handOffs.get());
        }
        return handOffsPerBatch;
    }

    /** A batch whose every exchange waits, after its answer, until all the others of the batch are continuing too. */
    private List<Boolean> answeredSideBySide(int batch) throws Exception {
        CountDownLatch allContinuing = new CountDownLatch(BATCH);
        List<Boolean> metTheOthers = new CopyOnWriteArrayList<>();
        answered(batch, failure -> {
            allContinuing.countDown();
            try {
                metTheOthers.add(allContinuing.await(20, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return metTheOthers;
    }

    /** Adds one full batch, and waits until each of its events was answered; answers the threads that answered them. */
    private List<String> answered(int batch, Coalescer.Answer then) throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(BATCH);
        for (int n = 0; n < BATCH; n++) {
            coalescer.add(("{\"n\":" + batch + n + "}").getBytes(StandardCharsets.UTF_8), "event " + batch + "-" + n, failure -> {
                threads.add(failure == null ? Thread.currentThread().getName() : "failed: " + failure);
                then.answered(failure);
                done.countDown();
            });
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).as("batch " + batch + " answered").isTrue();
        return threads;
    }

    /** A route that works (not waits) this long after the producer. */
    private static void busyFor(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
