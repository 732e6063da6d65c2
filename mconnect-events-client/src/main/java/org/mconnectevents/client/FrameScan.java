package org.mconnectevents.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.List;

/**
 * A lenient second look at a consumed message that could not be read as a CloudEvent: its top-level members up to
 * the first malformed byte, for the offset (so the event can still be tracked and confirmed), the attributes that
 * name it, and the rule it breaks. Never keeps or quotes data.
 */
final class FrameScan {

    private static final JsonFactory JSON = new JsonFactory();
    private static final List<String> REQUIRED = List.of("specversion", "id", "source", "type");

    private boolean object;
    private long malformedAt = -1;
    private Long offset;
    private String specVersion;
    private String id;
    private String source;
    private String type;
    private String partitionKey;

    private FrameScan() {
    }

    static FrameScan of(byte[] frame) {
        FrameScan scan = new FrameScan();
        try (JsonParser parser = JSON.createParser(frame)) {
            scan.object = parser.nextToken() == JsonToken.START_OBJECT;
            while (scan.object && parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                scan.member(name, value, parser);
                parser.skipChildren();
            }
        } catch (JsonProcessingException e) {
            scan.malformedAt = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getByteOffset());
        } catch (IOException e) {
            scan.malformedAt = 0;
        }
        return scan;
    }

    private void member(String name, JsonToken value, JsonParser parser) throws IOException {
        if (EventCodec.OFFSET.equals(name)) {
            offset = value == JsonToken.VALUE_NUMBER_INT ? Long.valueOf(parser.getLongValue())
                    : value == JsonToken.VALUE_STRING ? parseLong(parser.getText()) : null;
            return;
        }
        if (value != JsonToken.VALUE_STRING) {
            return;
        }
        switch (name) {
            case "specversion" -> specVersion = parser.getText();
            case "id" -> id = parser.getText();
            case "source" -> source = parser.getText();
            case "type" -> type = parser.getText();
            case EventCodec.PARTITION_KEY -> partitionKey = parser.getText();
            default -> { }
        }
    }

    private static Long parseLong(String text) {
        try {
            return Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The offset, or null when none could be read. */
    Long offset() {
        return offset;
    }

    /**
     * The rule the message breaks, as far as the scan can tell; {@code otherwise} when the scan finds nothing wrong
     * (the problem is deeper, in what the CloudEvents format makes of the attributes or the data).
     */
    String problem(String otherwise) {
        if (malformedAt >= 0) {
            return "it is not well-formed JSON (malformed at byte " + malformedAt + ")";
        }
        if (!object) {
            return "it is not a JSON object";
        }
        if (offset == null) {
            return "it has no integer offset";
        }
        for (String required : REQUIRED) {
            if (attribute(required) == null) {
                return "the required attribute " + required + " is missing or not a string";
            }
        }
        if (!"1.0".equals(specVersion)) {
            return "specversion must be 1.0";
        }
        return otherwise;
    }

    private String attribute(String name) {
        return switch (name) {
            case "specversion" -> specVersion;
            case "id" -> id;
            case "source" -> source;
            default -> type;
        };
    }

    UndecodedEvent undecoded(String text, String problem) {
        return new UndecodedEvent(text, problem, id, source, type, partitionKey);
    }
}
