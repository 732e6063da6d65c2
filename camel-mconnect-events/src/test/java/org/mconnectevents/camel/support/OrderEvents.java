package org.mconnectevents.camel.support;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.camel.ProducerTemplate;
import org.mconnectevents.client.EventCodec;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;

/**
 * Order events of the registry client (type {@link EmulatorClients#ORDER_CREATED} from {@link EmulatorClients#SOURCE}),
 * and producing many of them as an integrator would: batches through {@code mconnect-events:events}, well within the
 * request size limit.
 */
public final class OrderEvents {

    private static final int BATCH = 500;

    private OrderEvents() {
    }

    /** {@code count} orders with ids {@code prefix0, prefix1, ...}, each with the partition key {@code keyOf(n)} (null: none). */
    public static List<CloudEvent> orders(String prefix, int count, IntFunction<String> keyOf) {
        return IntStream.range(0, count).mapToObj(n -> order(prefix + n, keyOf.apply(n))).toList();
    }

    /** One order event; its data names its id. */
    public static CloudEvent order(String id, String partitionKey) {
        return orderCreated(id, partitionKey, "{\"order\":\"" + id + "\"}");
    }

    /** An order event with this JSON data and, unless null, a partition key. */
    public static CloudEvent orderCreated(String id, String partitionKey, String jsonData) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create(SOURCE))
                .withType(ORDER_CREATED)
                .withDataContentType("application/json")
                .withData(jsonData.getBytes(StandardCharsets.UTF_8));
        if (partitionKey != null) {
            builder.withExtension(EventCodec.PARTITION_KEY, partitionKey);
        }
        return builder.build();
    }

    /** JSON data of about {@code bytes} bytes: {@code {"order":"<id>","note":"xxx…"}}. */
    public static String jsonOfSize(String order, int bytes) {
        String prefix = "{\"order\":\"" + order + "\",\"note\":\"";
        return prefix + "x".repeat(Math.max(0, bytes - prefix.length() - 2)) + "\"}";
    }

    /** Produces the events in order, in batches of 500. */
    public static void produce(ProducerTemplate template, List<CloudEvent> events) {
        for (int from = 0; from < events.size(); from += BATCH) {
            template.sendBody("mconnect-events:events", List.copyOf(events.subList(from, Math.min(events.size(), from + BATCH))));
        }
    }

    /** The ids of the events, in their order. */
    public static List<String> ids(List<CloudEvent> events) {
        return events.stream().map(CloudEvent::getId).toList();
    }
}
