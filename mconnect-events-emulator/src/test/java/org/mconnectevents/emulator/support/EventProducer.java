package org.mconnectevents.emulator.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mconnectevents.emulator.Emulator;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Produces events of one type and source for the consumption tests, through {@code POST /ce/produce/events}
 * with the producer's certificate, and insists on 202. Safe to share between threads (the JDK client is).
 * <pre>{@code
 * EventProducer producer = EventProducer.of(emulator, "producer", "Test.Orders.Order.Placed", "urn:test:orders");
 * producer.produce("order-1", "order-2");          // no partition key: spread over the partitions
 * producer.produceWithKey("customer:7", "order-3"); // one partition
 * }</pre>
 */
public final class EventProducer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestClient client;
    private final String type;
    private final String source;

    private EventProducer(TestClient client, String type, String source) {
        this.client = client;
        this.type = type;
        this.source = source;
    }

    public static EventProducer of(Emulator emulator, String client, String type, String source) {
        return new EventProducer(TestClient.of(emulator, client), type, source);
    }

    /** An event of this producer's type and source with {@code data} {@code {"id": id}}; callers may add to it. */
    public ObjectNode event(String id) {
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", source);
        event.put("type", type);
        event.putObject("data").put("id", id);
        return event;
    }

    /** Produces one batch of events without a partition key; returns their ids. */
    public List<String> produce(String... ids) {
        List<ObjectNode> events = new ArrayList<>();
        for (String id : ids) {
            events.add(event(id));
        }
        produce(events);
        return List.of(ids);
    }

    /** Produces one batch of events that all carry the same partition key; returns their ids. */
    public List<String> produceWithKey(String partitionKey, String... ids) {
        List<ObjectNode> events = new ArrayList<>();
        for (String id : ids) {
            events.add(event(id).put("partitionkey", partitionKey));
        }
        produce(events);
        return List.of(ids);
    }

    /** Produces the events as one batch and checks the service accepted it. */
    public void produce(List<ObjectNode> events) {
        String batch = events.stream().map(ObjectNode::toString).collect(Collectors.joining(",", "[", "]"));
        HttpResponse<String> response = client.produceBatch(batch);
        assertThat(response.statusCode()).as("producing %s: %s", batch, response.body()).isEqualTo(202);
    }

    /** Numbered ids: {@code prefix-1} … {@code prefix-count}. */
    public static String[] ids(String prefix, int count) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = prefix + "-" + (i + 1);
        }
        return ids;
    }
}
