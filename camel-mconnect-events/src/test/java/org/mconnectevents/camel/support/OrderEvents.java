package org.mconnectevents.camel.support;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.camel.ProducerTemplate;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;

/**
 * Order events of the registry client, and producing many of them as an integrator would: batches through
 * {@code mconnect-events:events}, well within the request size limit.
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
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create(SOURCE))
                .withType(ORDER_CREATED)
                .withDataContentType("application/json")
                .withData(("{\"order\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
        if (partitionKey != null) {
            builder.withExtension("partitionkey", partitionKey);
        }
        return builder.build();
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
