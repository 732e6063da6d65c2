package org.mconnectevents.emulator.broker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Events produced and delivered per second over the last {@link #KEPT} samples, for the console's chart: one sample
 * per call of {@link #sample}, from totals that only grow (a reset of the emulator does not set them back).
 * Owned by the context thread.
 */
final class Throughput {

    /** Samples kept: five minutes at one a second. */
    static final int KEPT = 300;

    private record Sample(Instant at, double produced, double delivered) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private Instant lastAt;
    private long lastProduced;
    private long lastDelivered;

    /** Counts from {@code start}, when both totals were zero. */
    Throughput(Instant start) {
        this.lastAt = start;
    }

    void sample(Instant now, long produced, long delivered) {
        double seconds = Math.max(0.001, Duration.between(lastAt, now).toMillis() / 1000.0);
        samples.addLast(new Sample(now, rate(produced, lastProduced, seconds), rate(delivered, lastDelivered, seconds)));
        if (samples.size() > KEPT) {
            samples.removeFirst();
        }
        lastAt = now;
        lastProduced = produced;
        lastDelivered = delivered;
    }

    private static double rate(long total, long before, double seconds) {
        return Math.round((total - before) / seconds * 10) / 10.0;
    }

    /** {@code [{"at": ..., "produced": n, "delivered": n}, ...]}, oldest first, per second. */
    ArrayNode toJson(ObjectMapper json) {
        ArrayNode array = json.createArrayNode();
        for (Sample sample : samples) {
            ObjectNode node = array.addObject();
            node.put("at", sample.at().toString());
            node.put("produced", sample.produced());
            node.put("delivered", sample.delivered());
        }
        return array;
    }
}
