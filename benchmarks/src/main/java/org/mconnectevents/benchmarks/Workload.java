package org.mconnectevents.benchmarks;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.vertx.core.buffer.Buffer;
import org.mconnectevents.client.EventCodec;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The events every scenario sends: about 1 KB each (JSON data with a counter and text), a partition key among
 * 1000, ids unique per run. The raw clients write the JSON text themselves; the component gets the same events
 * as CloudEvents and must put the same bytes on the wire, which {@link #checkSameJson()} proves before measuring.
 */
final class Workload {

    static final int BATCH = 100;
    static final String SOURCE = "urn:asp";
    static final String TYPE = "ASP.RST.VP.Invalidated";
    private static final URI SOURCE_URI = URI.create(SOURCE);
    private static final String TEXT = "x".repeat(960);

    private final String run;

    /** {@code run} prefixes every id, so that the events of two runs never share an id. */
    Workload(String run) {
        this.run = run;
    }

    /** Event {@code n} in the JSON event format, written by hand as a raw client would. */
    String json(int n) {
        return appendJson(new StringBuilder(TEXT.length() + 200), n).toString();
    }

    /** The body of batch {@code b}: events {@code b * BATCH} to {@code b * BATCH + BATCH - 1} as a JSON array. */
    Buffer batchJson(int b) {
        StringBuilder body = new StringBuilder(BATCH * (TEXT.length() + 200)).append('[');
        for (int i = 0; i < BATCH; i++) {
            if (i > 0) {
                body.append(',');
            }
            appendJson(body, b * BATCH + i);
        }
        return Buffer.buffer(body.append(']').toString());
    }

    /** Event {@code n} as the CloudEvent a route hands the component. */
    CloudEvent event(int n) {
        return CloudEventBuilder.v1()
                .withId(id(n))
                .withSource(SOURCE_URI)
                .withType(TYPE)
                .withDataContentType("application/json")
                .withExtension("partitionkey", partitionKey(n))
                .withData(data(n).getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /** The events of batch {@code b} as CloudEvents. */
    List<CloudEvent> batchEvents(int b) {
        List<CloudEvent> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(event(b * BATCH + i));
        }
        return batch;
    }

    /** Fails unless the component writes every event exactly as the raw clients do. */
    void checkSameJson() {
        for (int n : new int[] {0, 1, 999, 123_456}) {
            String component = new String(EventCodec.toJson(event(n)), StandardCharsets.UTF_8);
            if (!component.equals(json(n))) {
                throw new IllegalStateException("the component and the raw client would send different JSON for event "
                        + n + ":\n" + component + "\n" + json(n));
            }
        }
    }

    private StringBuilder appendJson(StringBuilder out, int n) {
        return out.append("{\"specversion\":\"1.0\",\"id\":\"").append(id(n))
                .append("\",\"source\":\"").append(SOURCE).append("\",\"type\":\"").append(TYPE)
                .append("\",\"datacontenttype\":\"application/json\",\"partitionkey\":\"").append(partitionKey(n))
                .append("\",\"data\":").append(data(n)).append('}');
    }

    private String id(int n) {
        return run + "-" + n;
    }

    private static String partitionKey(int n) {
        return "idnp:" + (n % 1000);
    }

    private static String data(int n) {
        return "{\"n\":" + n + ",\"text\":\"" + TEXT + "\"}";
    }
}
