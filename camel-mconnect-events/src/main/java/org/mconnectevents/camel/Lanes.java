package org.mconnectevents.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that process the events of a consumer: lanes, each a single thread taking its events in arrival order.
 * Every event of one partition key goes to the same lane, whichever session of the consumer it came from, so events
 * of a key are never processed at the same time and always in their order, also when a partition moves from one
 * session to another while an event of it is still being processed; events without a key are spread round robin.
 * A lane's queue is unbounded (the sessions bound what they take with maxPendingEvents): a task never runs on the
 * thread that hands it over, which is a Vert.x event loop.
 */
final class Lanes {

    /** How long a stop waits at most for interrupted exchanges to end. */
    private static final long INTERRUPTED_EXCHANGES_WAIT_MILLIS = 1000;

    private final CamelContext camelContext;
    private final ExecutorService[] lanes;
    private final AtomicInteger next = new AtomicInteger();
    /** Lanes running an event now: each lane is one thread, so this is also the number of events being processed. */
    private final AtomicInteger busy = new AtomicInteger();

    Lanes(CamelContext camelContext, Object owner, String name, int parallelism) {
        this.camelContext = camelContext;
        this.lanes = new ExecutorService[parallelism];
        for (int i = 0; i < parallelism; i++) {
            String laneName = parallelism == 1 ? name : name + "-lane" + i;
            ThreadPoolProfile oneThreadUnboundedQueue = new ThreadPoolProfile(laneName);
            oneThreadUnboundedQueue.setPoolSize(1);
            oneThreadUnboundedQueue.setMaxPoolSize(1);
            oneThreadUnboundedQueue.setMaxQueueSize(Integer.MAX_VALUE);
            oneThreadUnboundedQueue.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
            lanes[i] = camelContext.getExecutorServiceManager().newThreadPool(owner, laneName, oneThreadUnboundedQueue);
        }
    }

    void dispatch(String partitionKey, Runnable task) {
        int lane = partitionKey == null
                ? Math.floorMod(next.getAndIncrement(), lanes.length)
                : Math.floorMod(partitionKey.hashCode(), lanes.length);
        lanes[lane].execute(() -> {
            busy.incrementAndGet();
            try {
                task.run();
            } finally {
                busy.decrementAndGet();
            }
        });
    }

    /** How many lanes there are. */
    int size() {
        return lanes.length;
    }

    /** How many lanes run an event now. */
    int busy() {
        return busy.get();
    }

    /**
     * Interrupts the exchanges the lanes still run and gives them a moment to end, so that Camel, which waits for the
     * route's in-flight exchanges once the consumer stopped, finds none left instead of waiting a second more.
     */
    void shutdown() {
        ExecutorServiceManager executors = camelContext.getExecutorServiceManager();
        for (ExecutorService lane : lanes) {
            executors.shutdownNow(lane);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(INTERRUPTED_EXCHANGES_WAIT_MILLIS);
        try {
            for (ExecutorService lane : lanes) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || !executors.awaitTermination(lane, left)) {
                    return; // an exchange that ignores interruption: Camel's shutdown timeout deals with it
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
