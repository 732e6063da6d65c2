package org.mconnectevents.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.data.BytesCloudEventData;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an event of the JSON event format in one pass over its bytes, as the CloudEvents SDK's JSON format reads a 1.0
 * event, but without building a tree of it: the offset of a consumed event comes apart, and JSON data is kept as the
 * very bytes the service sent (numbers keep their digits, nothing is written again). What counts as JSON data is
 * {@link JsonData}'s rule, not the SDK's: the SDK takes {@code application/vnd.x+json} for text and refuses object data
 * of that type, so no 1.0 event that this reading can read is left to the SDK. Left to the SDK, whose reading and
 * errors then apply unchanged, are another specversion and what is malformed or breaks a rule (a missing attribute, an
 * extension that is a decimal, text data that is not a string...), which the SDK refuses as well. Thread-safe.
 */
final class ConsumedEventReader {

    private static final Set<String> STRING_ATTRIBUTES = Set.of("specversion", "id", "source", "type", "datacontenttype",
            "dataschema", "subject", "time");
    /** The attributes a null value leaves out, as the SDK reads them. */
    private static final Set<String> OPTIONAL_ATTRIBUTES = Set.of("datacontenttype", "dataschema", "subject", "time");

    private ConsumedEventReader() {
    }

    /** A consumed event and its offset, or null when the event is left to the SDK. */
    static ConsumedEvent read(byte[] json) {
        Members members = members(json, true);
        if (members == null || members.offset == null) {
            return null;
        }
        CloudEvent event = members.toEvent();
        return event == null ? null : new ConsumedEvent(event, members.offset);
    }

    /** An event (an {@code offset} member is an extension like any other), or null when the event is left to the SDK. */
    static CloudEvent readEvent(byte[] json) {
        Members members = members(json, false);
        return members == null ? null : members.toEvent();
    }

    private static Members members(byte[] json, boolean offsetApart) {
        try (JsonParser parser = JsonData.FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Members members = new Members(offsetApart);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (!members.read(name, parser, json)) {
                    return null;
                }
            }
            return members;
        } catch (IOException | RuntimeException e) {
            // malformed JSON, an attribute the builder refuses...: the SDK reads it again and names the problem
            return null;
        }
    }

    /** The bytes of each element of a JSON array, in order. */
    static List<byte[]> arrayElements(byte[] json) throws IOException {
        try (JsonParser parser = JsonData.FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("the body does not start with [");
            }
            List<byte[]> elements = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int start = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                elements.add(Arrays.copyOfRange(json, start, (int) parser.currentLocation().getByteOffset()));
            }
            return elements;
        }
    }

    /**
     * A time of the form the service writes ({@code 2026-11-27T10:15:30.123456Z}, or an offset such as {@code +02:00}),
     * read without a DateTimeFormatter, which costs more than the rest of the event; null for any other form (the
     * builder then reads it as the SDK does, or refuses it).
     */
    static OffsetDateTime parseTime(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int digits = 0;
            while (++at < length && digits < 9 && Character.isDigit(text.charAt(at))) {
                nanos = nanos * 10 + (text.charAt(at) - '0');
                digits++;
            }
            if (digits == 0 || (at < length && Character.isDigit(text.charAt(at)))) {
                return null;
            }
            for (; digits < 9; digits++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset = offset(text, at);
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (offset == null || year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
        } catch (DateTimeException e) {
            return null; // out of range: the SDK's reading refuses it with its own message
        }
    }

    private static ZoneOffset offset(String text, int at) {
        if (at == text.length() - 1 && text.charAt(at) == 'Z') {
            return ZoneOffset.UTC;
        }
        if (at != text.length() - 6 || (text.charAt(at) != '+' && text.charAt(at) != '-') || text.charAt(at + 3) != ':') {
            return null;
        }
        int hours = digits(text, at + 1, 2);
        int minutes = digits(text, at + 4, 2);
        if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
            return null;
        }
        int sign = text.charAt(at) == '-' ? -1 : 1;
        return ZoneOffset.ofTotalSeconds(sign * (hours * 3600 + minutes * 60));
    }

    /** The number written with {@code count} digits at {@code at}; -1 when they are not all digits. */
    private static int digits(String text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The members of one event object, as read. */
    private static final class Members {
        /** Whether {@code offset} is the service's offset of a consumed event, or an extension like any other. */
        private final boolean offsetApart;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final List<Map.Entry<String, Object>> extensions = new ArrayList<>();
        private byte[] data;
        private String dataText;
        private boolean dataIsText;
        private byte[] dataBase64;
        private Long offset;

        Members(boolean offsetApart) {
            this.offsetApart = offsetApart;
        }

        /** Reads the value of member {@code name}; false when the event is one to leave to the SDK. */
        boolean read(String name, JsonParser parser, byte[] json) throws IOException {
            JsonToken token = parser.currentToken();
            switch (name) {
                case "data" -> {
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    dataIsText = token == JsonToken.VALUE_STRING;
                    if (dataIsText) {
                        dataText = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                    data = Arrays.copyOfRange(json, start, (int) parser.currentLocation().getByteOffset());
                    return true;
                }
                case "data_base64" -> {
                    dataBase64 = token == JsonToken.VALUE_STRING ? parser.getBinaryValue() : null;
                    return dataBase64 != null;
                }
                case EventCodec.OFFSET -> {
                    if (!offsetApart) {
                        return readAttribute(name, token, parser);
                    }
                    offset = token == JsonToken.VALUE_NUMBER_INT ? Long.valueOf(parser.getLongValue())
                            : token == JsonToken.VALUE_STRING ? Long.valueOf(parser.getText()) : null;
                    return offset != null;
                }
                default -> {
                    return readAttribute(name, token, parser);
                }
            }
        }

        private boolean readAttribute(String name, JsonToken token, JsonParser parser) throws IOException {
            if (token == JsonToken.VALUE_STRING) {
                if (STRING_ATTRIBUTES.contains(name)) {
                    attributes.put(name, parser.getText());
                } else {
                    extensions.add(Map.entry(name, parser.getText()));
                }
                return true;
            }
            if (STRING_ATTRIBUTES.contains(name)) {
                // null leaves an optional attribute out; any other value of another type the SDK refuses
                return token == JsonToken.VALUE_NULL && OPTIONAL_ATTRIBUTES.contains(name);
            }
            if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                extensions.add(Map.entry(name, token == JsonToken.VALUE_TRUE));
                return true;
            }
            if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
                extensions.add(Map.entry(name, parser.getIntValue()));
                return true;
            }
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY || token == JsonToken.VALUE_NULL) {
                // the SDK takes these as the text of their JSON ("null" for null); a decimal or a long it refuses
                extensions.add(Map.entry(name, compactJson(parser)));
                return true;
            }
            return false;
        }

        /** The current value as compact JSON text, as Jackson's JsonNode.toString writes it. */
        private static String compactJson(JsonParser parser) throws IOException {
            StringWriter text = new StringWriter();
            try (JsonGenerator copy = JsonData.FACTORY.createGenerator(text)) {
                copy.copyCurrentStructure(parser);
            }
            return text.toString();
        }

        /** The event, in the order the SDK writes its attributes; null when it is one to leave to the SDK. */
        CloudEvent toEvent() {
            try {
                return build();
            } catch (RuntimeException e) {
                // an attribute the builder refuses: the SDK reads it again and names the problem
                return null;
            }
        }

        private CloudEvent build() {
            if (!"1.0".equals(attributes.get("specversion")) || (data != null && dataBase64 != null)) {
                return null;
            }
            CloudEventBuilder builder = CloudEventBuilder.v1();
            for (String mandatory : List.of("id", "source", "type")) {
                String value = attributes.get(mandatory);
                if (value == null) {
                    return null;
                }
                builder.withContextAttribute(mandatory, value);
            }
            String contentType = attributes.get("datacontenttype");
            if (contentType == null && data != null) {
                contentType = EventCodec.DEFAULT_DATA_CONTENT_TYPE;
            }
            if (contentType != null) {
                builder.withContextAttribute("datacontenttype", contentType);
            }
            for (String optional : List.of("dataschema", "subject")) {
                String value = attributes.get(optional);
                if (value != null) {
                    builder.withContextAttribute(optional, value);
                }
            }
            String time = attributes.get("time");
            if (time != null) {
                OffsetDateTime parsed = parseTime(time);
                if (parsed != null) {
                    builder.withTime(parsed);
                } else {
                    builder.withContextAttribute("time", time);
                }
            }
            if (dataBase64 != null) {
                builder.withData(BytesCloudEventData.wrap(dataBase64));
            } else if (data != null) {
                byte[] bytes = dataBytes(contentType);
                if (bytes == null) {
                    return null;
                }
                builder.withData(BytesCloudEventData.wrap(bytes));
            }
            for (Map.Entry<String, Object> extension : extensions) {
                Object value = extension.getValue();
                if (value instanceof Boolean flag) {
                    builder.withContextAttribute(extension.getKey(), flag);
                } else if (value instanceof Integer number) {
                    builder.withContextAttribute(extension.getKey(), number);
                } else {
                    builder.withContextAttribute(extension.getKey(), (String) value);
                }
            }
            return builder.build();
        }

        /** JSON data as sent; other data must be a JSON string, whose text it is. Null when neither. */
        private byte[] dataBytes(String contentType) {
            if (JsonData.isJson(contentType)) {
                return data;
            }
            return dataIsText ? dataText.getBytes(StandardCharsets.UTF_8) : null;
        }
    }
}
