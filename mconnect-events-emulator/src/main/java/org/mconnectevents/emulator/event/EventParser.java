package org.mconnectevents.emulator.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads events in the structured, batch and binary modes of the CloudEvents HTTP binding and checks the rules
 * of the contract that do not depend on who sends them. Every refusal is an {@link EventRejectedException} with
 * status 400 (malformed) or 413 (too large) naming the event and the rule.
 */
public final class EventParser {

    /** Attributes of the binary mode that the service requires as {@code ce-} headers. */
    public static final List<String> REQUIRED = List.of("specversion", "id", "source", "type");
    private static final Set<String> KNOWN = Set.of("specversion", "id", "source", "type", "subject", "time",
            "datacontenttype", "dataschema", "partitionkey", "data", "data_base64");
    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]{1,20}");
    private static final String OFFSET = "offset";

    private final int maxEventSize;

    public EventParser(int maxEventSize) {
        this.maxEventSize = maxEventSize;
    }

    /**
     * Parses a {@code application/cloudevents-batch+json} body: a JSON array of event objects. Each event keeps
     * the text it arrived in, so that it is stored and delivered without being written again.
     */
    public List<IncomingEvent> parseBatch(byte[] body) {
        List<IncomingEvent> events = new ArrayList<>();
        try (JsonParser parser = StoredEvent.JSON.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new EventRejectedException(400, "the batch is not a JSON array of CloudEvents");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token != JsonToken.START_OBJECT) {
                    throw new EventRejectedException(400, "event " + events.size() + " of the batch is not a JSON object");
                }
                int start = (int) parser.currentTokenLocation().getByteOffset();
                ObjectNode event = StoredEvent.JSON.readTree(parser);
                int end = (int) parser.currentLocation().getByteOffset();
                events.add(IncomingEvent.of(event, body, start, end));
            }
            if (parser.nextToken() != null) {
                throw new EventRejectedException(400, "the batch has content after its closing bracket");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new EventRejectedException(400, "the batch is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new EventRejectedException(400, "the batch could not be read: " + e.getMessage());
        }
        return events;
    }

    /** Parses a {@code application/cloudevents+json} body: one event object, keeping its text. */
    public IncomingEvent parseStructured(byte[] body) {
        JsonNode tree = parseJson(body, "the event");
        if (!tree.isObject()) {
            throw new EventRejectedException(400, "the body is not a CloudEvent JSON object");
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return new IncomingEvent((ObjectNode) tree, text.endsWith("}") ? text : null, -1);
    }

    /**
     * Builds the structured form of a binary-mode event.
     *
     * @param attributes  the {@code ce-} headers, names without the prefix, values percent-decoded
     * @param contentType the {@code Content-Type} of the request (the data's media type)
     * @param body        the data
     */
    public IncomingEvent fromBinary(Map<String, String> attributes, String contentType, byte[] body) {
        ObjectNode event = StoredEvent.JSON.createObjectNode();
        for (String name : REQUIRED) {
            if (attributes.get(name) == null) {
                throw new EventRejectedException(400, "header ce-" + name + " is required"
                        + describeFrom(attributes.get("source"), attributes.get("id")));
            }
        }
        attributes.forEach(event::put);
        String mediaType = mediaType(contentType);
        event.put("datacontenttype", contentType == null ? "application/json" : contentType);
        if (body.length == 0) {
            // the binary mode cannot tell empty data from none; JSON has no empty value, so none it is, for every type
            return new IncomingEvent(event, null, -1);
        }
        if (isJsonContentType(mediaType)) {
            event.set("data", parseJson(body, "the data" + describeFrom(attributes.get("source"), attributes.get("id"))));
        } else if ("text/plain".equals(mediaType)) {
            event.put("data", decodeUtf8(body, attributes));
        } else {
            event.put("data_base64", Base64.getEncoder().encodeToString(body));
        }
        return new IncomingEvent(event, null, -1);
    }

    /**
     * Checks one event against the contract and returns it as stored: {@code time} filled when absent,
     * a client-sent {@code offset} removed (offsets are the service's).
     *
     * @param label        how messages name the event's position, e.g. "event 3 of the batch"
     * @param jsonDataOnly refuse {@code data_base64} (the {@code /ce/produce/event} endpoint)
     */
    public StoredEvent check(IncomingEvent incoming, String label, Instant now, boolean jsonDataOnly) {
        ObjectNode event = incoming.json();
        boolean timeAbsent = !event.has("time");
        boolean timeNull = event.has("time") && event.get("time").isNull();
        String name = label + describeFrom(text(event, "source"), text(event, "id"));
        requireString(event, "specversion", name);
        if (!"1.0".equals(event.get("specversion").asText())) {
            throw bad(name, "specversion must be \"1.0\", was \"" + event.get("specversion").asText() + "\"");
        }
        requireString(event, "id", name);
        requireString(event, "source", name);
        requireString(event, "type", name);
        checkSource(event.get("source").asText(), name);
        checkTime(event, name, now);
        checkOptionalStrings(event, name);
        checkData(event, name, jsonDataOnly);
        checkExtensions(event, name);
        boolean offsetRemoved = event.remove(OFFSET) != null;
        StoredEvent stored = store(incoming, timeAbsent, offsetRemoved || timeNull, now);
        if (stored.size() > maxEventSize) {
            throw new EventRejectedException(413, name + ": the event is " + stored.size()
                    + " bytes, over the limit of " + maxEventSize + " bytes per event");
        }
        return stored;
    }

    /**
     * The stored form: the text the event arrived in, with {@code time} appended when the service filled it;
     * written anew only when it had no text or a client-sent {@code offset} was removed.
     */
    private static StoredEvent store(IncomingEvent incoming, boolean timeAbsent, boolean rewrite, Instant now) {
        if (incoming.text() == null || rewrite) {
            return new StoredEvent(incoming.json(), now);
        }
        if (!timeAbsent) {
            return new StoredEvent(incoming.json(), incoming.text(), incoming.size(), now);
        }
        String text = incoming.text();
        String time = ",\"time\":\"" + incoming.json().get("time").asText() + "\"}";
        String withTime = text.substring(0, text.length() - 1) + time;
        return new StoredEvent(incoming.json(), withTime, incoming.size() < 0 ? -1 : incoming.size() + time.length() - 1,
                now);
    }

    /**
     * Whether a media type carries JSON data, by the rule of the CloudEvents JSON format: {@code application/json},
     * {@code text/json} or any {@code +json} suffix, in any case, parameters ignored; no content type means JSON.
     */
    public static boolean isJsonContentType(String contentType) {
        String mediaType = mediaType(contentType);
        return mediaType == null || mediaType.equals("application/json") || mediaType.equals("text/json")
                || mediaType.endsWith("+json");
    }

    /** The media type without parameters, lower case, or {@code null}. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    static String describeFrom(String source, String id) {
        if (source == null && id == null) {
            return "";
        }
        return " (source " + (source == null ? "missing" : source) + ", id " + (id == null ? "missing" : id) + ")";
    }

    private static JsonNode parseJson(byte[] body, String what) {
        try {
            JsonNode tree = StoredEvent.JSON.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new EventRejectedException(400, what + " is empty: expected JSON");
            }
            return tree;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new EventRejectedException(400, what + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new EventRejectedException(400, what + " could not be read: " + e.getMessage());
        }
    }

    private static String decodeUtf8(byte[] body, Map<String, String> attributes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new EventRejectedException(400, "the data" + describeFrom(attributes.get("source"),
                    attributes.get("id")) + " is text/plain but not valid UTF-8");
        }
    }

    private static String text(ObjectNode event, String name) {
        JsonNode value = event.get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static EventRejectedException bad(String name, String rule) {
        return new EventRejectedException(400, name + ": " + rule);
    }

    private static void requireString(ObjectNode event, String attribute, String name) {
        JsonNode value = event.get(attribute);
        if (value == null || value.isNull()) {
            throw bad(name, "attribute " + attribute + " is required");
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw bad(name, "attribute " + attribute + " must be a non-empty string");
        }
    }

    private static void checkSource(String source, String name) {
        try {
            new URI(source);
        } catch (URISyntaxException e) {
            throw bad(name, "source \"" + source + "\" is not a URI: " + e.getReason());
        }
    }

    private static void checkTime(ObjectNode event, String name, Instant now) {
        JsonNode time = event.get("time");
        if (time == null || time.isNull()) {
            event.put("time", now.toString());
            return;
        }
        Instant parsed;
        try {
            parsed = OffsetDateTime.parse(time.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw bad(name, "time \"" + time.asText() + "\" is not an RFC 3339 timestamp");
        }
        if (!time.isTextual()) {
            throw bad(name, "time must be an RFC 3339 string");
        }
        if (parsed.isAfter(now)) {
            throw bad(name, "time " + time.asText() + " is in the future (service time " + now + ")");
        }
    }

    private static void checkOptionalStrings(ObjectNode event, String name) {
        for (String attribute : List.of("subject", "datacontenttype", "dataschema", "partitionkey")) {
            JsonNode value = event.get(attribute);
            if (value != null && !value.isNull() && (!value.isTextual() || value.asText().isEmpty())) {
                throw bad(name, "attribute " + attribute + " must be a non-empty string when present");
            }
        }
    }

    private static void checkData(ObjectNode event, String name, boolean jsonDataOnly) {
        JsonNode base64 = event.get("data_base64");
        if (base64 == null) {
            return;
        }
        if (jsonDataOnly) {
            throw bad(name, "data_base64 is not accepted here: this endpoint takes JSON data only;"
                    + " send binary data with /ce/produce/raw");
        }
        if (event.has("data")) {
            throw bad(name, "data and data_base64 are both present; an event carries one of them");
        }
        try {
            Base64.getDecoder().decode(base64.asText());
        } catch (IllegalArgumentException e) {
            throw bad(name, "data_base64 is not valid base64");
        }
    }

    private static void checkExtensions(ObjectNode event, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String attribute = field.getKey();
            if (KNOWN.contains(attribute) || attribute.equals(OFFSET)) {
                continue;
            }
            if (!EXTENSION_NAME.matcher(attribute).matches()) {
                throw bad(name, "attribute name \"" + attribute + "\" is invalid: CloudEvents attribute names are"
                        + " 1 to 20 lower-case letters or digits");
            }
            JsonNode value = field.getValue();
            if (value.isContainerNode()) {
                throw bad(name, "extension attribute " + attribute + " must be a string, number or boolean");
            }
        }
    }
}
