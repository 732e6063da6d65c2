package org.mconnectevents.emulator.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One accepted event, in its structured CloudEvents JSON form (attributes plus {@code data} or
 * {@code data_base64}), never modified after it was stored. The same instance is shared by every consumer
 * that receives it; the consumer-specific {@code offset} is appended when it is delivered.
 */
public final class StoredEvent {

    static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode json;
    private final String id;
    private final String source;
    private final String type;
    private final String partitionKey;
    private final Instant storedAt;
    /** The serialized event without its closing brace, so that an offset can be appended cheaply. */
    private final String jsonPrefix;
    private final int size;

    /** Stores the event as serialized from its tree. */
    StoredEvent(ObjectNode json, Instant storedAt) {
        this(json, serialize(json), -1, storedAt);
    }

    /**
     * Stores the event with the JSON text it arrived in (the text matches the tree).
     *
     * @param text the JSON object text, ending with its closing brace
     * @param size its length in UTF-8 bytes, or -1 to compute it
     */
    StoredEvent(ObjectNode json, String text, int size, Instant storedAt) {
        this.json = json;
        this.id = json.path("id").asText();
        this.source = json.path("source").asText();
        this.type = json.path("type").asText();
        this.partitionKey = json.hasNonNull("partitionkey") ? json.get("partitionkey").asText() : null;
        this.storedAt = storedAt;
        this.size = size >= 0 ? size : text.getBytes(StandardCharsets.UTF_8).length;
        this.jsonPrefix = text.substring(0, text.length() - 1);
    }

    private static String serialize(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serializes", e);
        }
    }

    public String id() {
        return id;
    }

    public String source() {
        return source;
    }

    public String type() {
        return type;
    }

    /** The {@code partitionkey} extension, or {@code null}. */
    public String partitionKey() {
        return partitionKey;
    }

    public Instant storedAt() {
        return storedAt;
    }

    /** Size of the structured JSON form, in bytes: what the event-size limit is checked against. */
    public int size() {
        return size;
    }

    /** A copy of the structured form (callers may change the copy). */
    public ObjectNode toJson() {
        return json.deepCopy();
    }

    /** The {@code data} member when the data is JSON (or text), else {@code null}. */
    public JsonNode data() {
        return json.get("data");
    }

    /** The structured JSON text of this event with the consumer's {@code offset} added. */
    public String toJsonWithOffset(long offset) {
        return jsonPrefix + ",\"offset\":\"" + offset + "\"}";
    }

    /** Names this event in messages: its {@code source} and {@code id}. */
    public String describe() {
        return "source " + source + ", id " + id;
    }

    /** The attribute as text, or {@code null} when absent. */
    public String attribute(String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Names of every attribute present (context attributes and extensions), without data members. */
    public Iterable<String> attributeNames() {
        return () -> {
            java.util.List<String> names = new java.util.ArrayList<>();
            json.fieldNames().forEachRemaining(name -> {
                if (!name.equals("data") && !name.equals("data_base64")) {
                    names.add(name);
                }
            });
            return names.iterator();
        };
    }

    /** The data as bytes, as the binary (raw) mode carries it in the HTTP body. */
    public byte[] dataBytes() {
        JsonNode base64 = json.get("data_base64");
        if (base64 != null) {
            return java.util.Base64.getDecoder().decode(base64.asText());
        }
        JsonNode data = json.get("data");
        if (data == null || data.isNull()) {
            return new byte[0];
        }
        if (data.isTextual() && !EventParser.isJsonContentType(attribute("datacontenttype"))) {
            return data.asText().getBytes(StandardCharsets.UTF_8);
        }
        return serialize(data).getBytes(StandardCharsets.UTF_8);
    }
}
