package org.mconnectevents.emulator.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** A position in the configuration tree that knows its path, so that every message names file and key. */
final class Node {

    private final JsonNode json;
    private final String origin;
    private final String path;

    Node(JsonNode json, String origin, String path) {
        this.json = json;
        this.origin = origin;
        this.path = path;
    }

    ConfigException problem(String key, String message) {
        return new ConfigException(origin + ": " + keyPath(key) + ": " + message);
    }

    private String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void requireObject(Set<String> allowedKeys) {
        if (!json.isObject()) {
            throw new ConfigException(origin + ": " + (path.isEmpty() ? "the document" : path) + ": expected a mapping");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowedKeys.contains(name)) {
                throw problem(name, "unknown key; known keys are " + new java.util.TreeSet<>(allowedKeys));
            }
        }
    }

    boolean has(String key) {
        return json.hasNonNull(key);
    }

    Node child(String key) {
        return new Node(json.get(key), origin, keyPath(key));
    }

    List<String> fieldNames() {
        if (!json.isObject()) {
            throw new ConfigException(origin + ": " + path + ": expected a mapping");
        }
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    List<Node> list(String key) {
        List<Node> items = new ArrayList<>();
        if (!has(key)) {
            return items;
        }
        JsonNode value = json.get(key);
        if (!value.isArray()) {
            throw problem(key, "expected a list");
        }
        for (int i = 0; i < value.size(); i++) {
            items.add(new Node(value.get(i), origin, keyPath(key) + "[" + i + "]"));
        }
        return items;
    }

    String text(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = json.get(key);
        if (!value.isValueNode()) {
            throw problem(key, "expected a text value");
        }
        return value.asText();
    }

    String requiredText(String key) {
        String value = text(key, null);
        if (value == null || value.isBlank()) {
            throw problem(key, "is required");
        }
        return value;
    }

    List<String> textList(String key) {
        List<String> values = new ArrayList<>();
        for (Node item : list(key)) {
            if (!item.json.isValueNode() || item.json.asText().isBlank()) {
                throw new ConfigException(origin + ": " + item.path + ": expected a non-empty text value");
            }
            values.add(item.json.asText());
        }
        return values;
    }

    List<String> textOrTextList(String key) {
        if (has(key) && json.get(key).isValueNode()) {
            return List.of(json.get(key).asText());
        }
        return textList(key);
    }

    int port(String key, int fallback) {
        int value = intValue(key, fallback);
        if (value < 0 || value > 65535) {
            throw problem(key, value + " is not a port number (0 picks a free port)");
        }
        return value;
    }

    int positiveInt(String key, int fallback) {
        int value = intValue(key, fallback);
        if (value <= 0) {
            throw problem(key, "must be positive, was " + value);
        }
        return value;
    }

    int nonNegativeInt(String key, int fallback) {
        int value = intValue(key, fallback);
        if (value < 0) {
            throw problem(key, "must not be negative, was " + value);
        }
        return value;
    }

    private int intValue(String key, int fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = json.get(key);
        if (!value.canConvertToInt() || !(value.isIntegralNumber() || value.asText().matches("-?\\d+"))) {
            throw problem(key, "expected a whole number, was '" + value.asText() + "'");
        }
        return value.isNumber() ? value.intValue() : Integer.parseInt(value.asText());
    }

    double rate(String key) {
        if (!has(key)) {
            return 0;
        }
        JsonNode value = json.get(key);
        if (!value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > 1) {
            throw problem(key, "expected a fraction between 0 and 1, was '" + value.asText() + "'");
        }
        return value.doubleValue();
    }

    Duration duration(String key, Duration fallback) {
        if (!has(key)) {
            return fallback;
        }
        String text = json.get(key).asText();
        try {
            Duration value = Duration.parse(text);
            if (value.isNegative()) {
                throw problem(key, "must not be negative, was " + text);
            }
            return value;
        } catch (DateTimeParseException e) {
            throw problem(key, "'" + text + "' is not an ISO-8601 duration such as PT30S or PT120H");
        }
    }
}
