package org.mconnectevents.emulator.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One accepted event, in its structured CloudEvents JSON form (attributes plus {@code data} or
 * {@code data_base64}), never modified after it was stored. The same instance is shared by every consumer
 * that receives it; the consumer-specific {@code offset} is appended when it is delivered.
 * <p>
 * An injected frame ({@link #injected(Injection, int, Instant)}) is stored the same way, but as the text it was given:
 * it need not be JSON, nor a valid event.
 */
public final class StoredEvent {

    /**
     * Reads numbers exactly (a decimal as written, scale included; integers of any size), so that data the service
     * writes anew, binary-mode data for one, keeps every digit the producer sent.
     */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private final ObjectNode json;
    private final String id;
    private final String source;
    private final String type;
    private final String partitionKey;
    private final Instant storedAt;
    /**
     * The serialized event without its closing brace, followed by the comma before the next member, so that an
     * offset can be appended cheaply; {@code null} when the frame is sent {@link #verbatim}.
     */
    private final String jsonPrefix;
    /** An injected frame sent exactly as given, or {@code null}. */
    private final String verbatim;
    private final int size;
    private final Injected injected;

    /**
     * How an injected frame is sent.
     *
     * @param object      whether the frame is a JSON object (its members are the event's attributes and data)
     * @param sendsOffset whether the session's offset is sent with it
     */
    private record Injected(boolean object, boolean sendsOffset) {
    }

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
        this(json, text.substring(0, text.length() - 1) + ",", null, size >= 0 ? size : utf8Length(text), storedAt,
                null, null);
    }

    private StoredEvent(ObjectNode json, String jsonPrefix, String verbatim, int size, Instant storedAt,
                        String partitionKey, Injected injected) {
        this.json = json;
        this.id = json.path("id").asText();
        this.source = json.path("source").asText();
        this.type = json.path("type").asText();
        this.partitionKey = partitionKey != null ? partitionKey
                : json.path("partitionkey").isTextual() ? json.get("partitionkey").asText() : null;
        this.storedAt = storedAt;
        this.size = size;
        this.jsonPrefix = jsonPrefix;
        this.verbatim = verbatim;
        this.injected = injected;
    }

    /**
     * A frame injected into a consumer client's stream (admin API, Java API or the poison fault), never checked:
     * sent as given, with the session's {@code offset} member added when the injection asks for it and the frame is a
     * JSON object.
     *
     * @throws IllegalArgumentException when the offset is to be added to an object that already has one
     */
    public static StoredEvent injected(Injection injection, int maxEventSize, Instant now) {
        String frame = injection.text(maxEventSize, now);
        ObjectNode object = objectOrNull(frame);
        boolean addMember = object != null && injection.sendsOffset();
        if (addMember && object.has("offset")) {
            throw new IllegalArgumentException("the frame already has an offset member: inject it with \"offset\": false"
                    + " (Injection.withoutOffset()) to send it as it is");
        }
        String prefix = null;
        if (addMember) {
            String text = frame.strip();
            prefix = text.substring(0, text.length() - 1) + (object.isEmpty() ? "" : ",");
        }
        return new StoredEvent(object == null ? JSON.createObjectNode() : object, prefix, addMember ? null : frame,
                utf8Length(frame), now, injection.partitionKey(), new Injected(object != null, injection.sendsOffset()));
    }

    /** The frame as a JSON object, or {@code null} when it is anything else (not JSON, an array, trailing text...). */
    private static ObjectNode objectOrNull(String frame) {
        try (JsonParser parser = JSON.createParser(frame)) {
            JsonNode tree = parser.readValueAsTree();
            return tree instanceof ObjectNode object && parser.nextToken() == null ? object : null;
        } catch (IOException e) {
            return null; // not JSON: a frame sent as given, which is what the test injected it for
        }
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
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

    /** The structured JSON text of this event with the consumer's {@code offset} added (an injected frame: as asked). */
    public String toJsonWithOffset(long offset) {
        return verbatim != null ? verbatim : jsonPrefix + "\"offset\":\"" + offset + "\"}";
    }

    /** Whether this is a frame injected by a test rather than an event a producer produced. */
    public boolean injected() {
        return injected != null;
    }

    /** Whether the frame's members are the event's attributes and data: always, but for an injected non-object. */
    public boolean isJsonObject() {
        return injected == null || injected.object();
    }

    /** Whether the session's offset goes with the event: always, but for a frame injected without it. */
    public boolean sendsOffset() {
        return injected == null || injected.sendsOffset();
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

    /**
     * The data as bytes, as the binary (raw) mode carries it in the HTTP body; an injected frame that is not a JSON
     * object is its own body, and an injected {@code data_base64} that is not base64 goes as its text.
     */
    public byte[] dataBytes() {
        if (!isJsonObject()) {
            return verbatim.getBytes(StandardCharsets.UTF_8);
        }
        JsonNode base64 = json.get("data_base64");
        if (base64 != null) {
            try {
                return java.util.Base64.getDecoder().decode(base64.asText());
            } catch (IllegalArgumentException e) {
                return base64.asText().getBytes(StandardCharsets.UTF_8); // only an injected frame gets here unchecked
            }
        }
        JsonNode data = json.get("data");
        if (data == null || data.isNull()) {
            return new byte[0];
        }
        if (data.isTextual() && !EventParser.isJsonContentType(attribute("datacontenttype"))) {
            return data.asText().getBytes(StandardCharsets.UTF_8);
        }
        String asStored = jsonPrefix == null ? null : dataText(jsonPrefix);
        return (asStored != null ? asStored : serialize(data)).getBytes(StandardCharsets.UTF_8);
    }

    /** The text of the top-level {@code data} member as stored (as the producer wrote it), or {@code null}. */
    private static String dataText(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            parser.nextToken();
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                boolean data = parser.currentName().equals("data");
                parser.nextToken();
                int start = (int) parser.currentTokenLocation().getCharOffset();
                parser.skipChildren();
                parser.finishToken(); // a string is read lazily: its end is known once it is read
                if (data) {
                    return json.substring(start, (int) parser.currentLocation().getCharOffset());
                }
            }
            return null;
        } catch (IOException e) {
            return null; // the stored text is JSON up to its last member: not reached when data is there
        }
    }
}
