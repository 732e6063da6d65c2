package org.mconnectevents.emulator.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A CloudEvent in the JSON event format, built the way a test reads best: the three attributes that identify
 * and route it, then whatever the test is about.
 * <pre>{@code
 * String json = CloudEventJson.event("urn:emu:producer", "1", "EMU.Test.Thing.Happened").data("{\"a\":1}").json();
 * }</pre>
 */
public final class CloudEventJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode event = JSON.createObjectNode();

    private CloudEventJson() {
    }

    /** An event with {@code specversion} 1.0, the given source, id and type, and no data yet. */
    public static CloudEventJson event(String source, String id, String type) {
        CloudEventJson built = new CloudEventJson();
        built.event.put("specversion", "1.0");
        built.event.put("id", id);
        built.event.put("source", source);
        built.event.put("type", type);
        return built;
    }

    /** Sets {@code data} to the given JSON text. */
    public CloudEventJson data(String jsonData) {
        event.set("data", parse(jsonData));
        return this;
    }

    /** Sets any attribute, e.g. {@code time}, {@code partitionkey} or {@code data_base64}, to a string. */
    public CloudEventJson with(String attribute, String value) {
        event.put(attribute, value);
        return this;
    }

    /** Removes an attribute. */
    public CloudEventJson without(String attribute) {
        event.remove(attribute);
        return this;
    }

    /** The event as one JSON object (the body of {@code /ce/produce/event}). */
    public String json() {
        return event.toString();
    }

    /** A copy of the event as a JSON tree. */
    public ObjectNode tree() {
        return event.deepCopy();
    }

    @Override
    public String toString() {
        return json();
    }

    /** The events as a JSON array (the body of {@code /ce/produce/events}). */
    public static String batch(CloudEventJson... events) {
        return batch(List.of(events));
    }

    public static String batch(List<CloudEventJson> events) {
        return events.stream().map(CloudEventJson::json).collect(Collectors.joining(",", "[", "]"));
    }

    /** Parses JSON text (e.g. a received event or an admin answer). */
    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
