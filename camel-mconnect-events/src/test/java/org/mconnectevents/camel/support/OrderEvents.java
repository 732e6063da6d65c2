package org.mconnectevents.camel.support;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.mconnectevents.camel.client.EventCodec;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** CloudEvents of type {@link EmulatorClients#ORDER_CREATED} from {@link EmulatorClients#SOURCE}, as producer tests send them. */
public final class OrderEvents {

    private OrderEvents() {
    }

    /** An order event with JSON data and a partition key. */
    public static CloudEvent orderCreated(String id, String partitionKey, String jsonData) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create(EmulatorClients.SOURCE))
                .withType(EmulatorClients.ORDER_CREATED)
                .withExtension(EventCodec.PARTITION_KEY, partitionKey)
                .withDataContentType("application/json")
                .withData(jsonData.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /** JSON data of about {@code bytes} bytes: {@code {"order":"<id>","note":"xxx…"}}. */
    public static String jsonOfSize(String order, int bytes) {
        String prefix = "{\"order\":\"" + order + "\",\"note\":\"";
        return prefix + "x".repeat(Math.max(0, bytes - prefix.length() - 2)) + "\"}";
    }
}
