package org.mconnectevents.emulator.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import org.mconnectevents.emulator.broker.Delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON bodies of long-polling answers, written with Jackson's generator. Each event goes into a batch as the
 * text it is sent as on its own ({@code /event}, WebSocket), so that a batch holds the very bytes the producer's
 * event was stored with (numbers and escapes as produced) and an injected frame exactly as a test gave it.
 */
final class LongPollingBodies {

    private static final JsonFactory JSON = new JsonFactory();

    private LongPollingBodies() {
    }

    /** The answer to {@code POST /ce/consumers}: the instance's id and its absolute base address. */
    static Buffer created(String instanceId, String baseUri) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("instance_id", instanceId);
            json.writeStringField("base_uri", baseUri);
            json.writeEndObject();
        });
    }

    /** The answer to {@code GET {base}/events}: the events, each with its offset, in one JSON array. */
    static Buffer batch(List<Delivery> deliveries) {
        return write(json -> {
            json.writeStartArray();
            for (Delivery delivery : deliveries) {
                json.writeRawValue(delivery.event().toJsonWithOffset(delivery.offset()));
            }
            json.writeEndArray();
        });
    }

    private interface Body {
        void writeTo(JsonGenerator json) throws IOException;
    }

    private static Buffer write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            body.writeTo(json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return Buffer.buffer(bytes.toByteArray());
    }
}
