package org.mconnectevents.camel;

import org.apache.camel.CamelContext;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that process the events of one session: {@code parallelism} lanes, each a single thread taking its
 * events in arrival order. Every event of one partition key goes to the same lane, so events of a key are never
 * processed at the same time and always in their order; events without a key are spread round robin.
 */
final class Lanes {

    private final CamelContext camelContext;
    private final ExecutorService[] lanes;
    private final AtomicInteger next = new AtomicInteger();

    Lanes(CamelContext camelContext, Object owner, String name, int parallelism) {
        this.camelContext = camelContext;
        this.lanes = new ExecutorService[parallelism];
        for (int i = 0; i < parallelism; i++) {
            lanes[i] = camelContext.getExecutorServiceManager().newSingleThreadExecutor(owner,
                    parallelism == 1 ? name : name + "-lane" + i);
        }
    }

    void dispatch(String partitionKey, Runnable task) {
        int lane = partitionKey == null
                ? Math.floorMod(next.getAndIncrement(), lanes.length)
                : Math.floorMod(partitionKey.hashCode(), lanes.length);
        lanes[lane].execute(task);
    }

    void shutdown() {
        for (ExecutorService lane : lanes) {
            camelContext.getExecutorServiceManager().shutdownNow(lane);
        }
    }
}
