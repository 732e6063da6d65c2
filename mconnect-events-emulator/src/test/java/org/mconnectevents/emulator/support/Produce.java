package org.mconnectevents.emulator.support;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The three produce requests of PROTOCOL.md, sent by a {@link TestClient}. */
public final class Produce {

    public static final String STRUCTURED = "application/cloudevents+json";
    public static final String BATCH = "application/cloudevents-batch+json";

    private Produce() {
    }

    /** {@code POST /ce/produce/event}: one event in the structured mode. */
    public static HttpResponse<String> event(TestClient client, CloudEventJson event) {
        return client.post("ce/produce/event", STRUCTURED, event.json());
    }

    /** {@code POST /ce/produce/events}: a batch. */
    public static HttpResponse<String> batch(TestClient client, CloudEventJson... events) {
        return batch(client, List.of(events));
    }

    public static HttpResponse<String> batch(TestClient client, List<CloudEventJson> events) {
        return client.post("ce/produce/events", BATCH, CloudEventJson.batch(events));
    }

    /** The four required {@code ce-} headers of the binary mode; the map may be changed before sending. */
    public static Map<String, String> rawHeaders(String source, String id, String type) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce-specversion", "1.0");
        headers.put("ce-id", id);
        headers.put("ce-source", source);
        headers.put("ce-type", type);
        return headers;
    }

    /** {@code POST /ce/produce/raw}: the data as the body, the attributes as {@code ce-} headers. */
    public static HttpResponse<String> raw(TestClient client, Map<String, String> headers, String contentType,
                                           byte[] data) {
        return binary(client, "ce/produce/raw", headers, contentType, data);
    }

    /** A binary-mode POST to any path (raw produce, the test-event tool, a dead report). */
    public static HttpResponse<String> binary(TestClient client, String path, Map<String, String> headers,
                                              String contentType, byte[] data) {
        HttpRequest.Builder request = client.request(path).POST(HttpRequest.BodyPublishers.ofByteArray(data));
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build());
    }
}
