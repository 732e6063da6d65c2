package org.mconnectevents.emulator.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mconnectevents.emulator.config.PoisonKind;
import org.mconnectevents.emulator.event.Injection;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The body of {@code POST /emulator/clients/{name}/inject}: exactly one of {@code frame} (any text), {@code event}
 * (a JSON object, sent as its JSON text) or {@code poison} (a {@link PoisonKind} name, with optional {@code source},
 * {@code type} and {@code id}); optional {@code partitionKey} and {@code offset} (default true). Every mistake is an
 * {@link IllegalArgumentException} saying what to write instead; unknown keys are refused, as in the faults.
 */
final class InjectionJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("frame", "event", "poison", "source", "type", "id", "partitionKey",
            "offset");
    private static final List<String> WHAT = List.of("frame", "event", "poison");

    private InjectionJson() {
    }

    static Injection read(String body) {
        JsonNode json = parse(body);
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException("inject: " + name + ": unknown key; known keys are " + new TreeSet<>(KEYS));
            }
        }
        if (WHAT.stream().filter(json::has).count() != 1) {
            throw new IllegalArgumentException("inject: give exactly one of frame, event or poison");
        }
        Injection injection = what(json).partitionKey(text(json, "partitionKey"));
        JsonNode offset = json.get("offset");
        if (offset != null && !offset.isBoolean()) {
            throw new IllegalArgumentException("inject: offset must be true or false");
        }
        return offset != null && !offset.booleanValue() ? injection.withoutOffset() : injection;
    }

    private static Injection what(JsonNode json) {
        if (json.has("frame")) {
            return Injection.frame(text(json, "frame"));
        }
        if (json.has("event")) {
            if (!json.get("event").isObject()) {
                throw new IllegalArgumentException("inject: event must be a JSON object; send other text as a frame");
            }
            return Injection.frame(json.get("event").toString());
        }
        String name = text(json, "poison");
        PoisonKind kind = PoisonKind.named(name).orElseThrow(() -> new IllegalArgumentException(
                "inject: poison '" + name + "' is not a poison kind; known kinds are " + PoisonKind.names()));
        return Injection.poison(kind, text(json, "source"), text(json, "type"), text(json, "id"));
    }

    private static String text(JsonNode json, String key) {
        JsonNode value = json.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("inject: " + key + " must be a string");
        }
        return value.asText();
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("inject: the body must be a JSON object such as {\"frame\": \"...\"}");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("inject: the body is not JSON: " + e.getOriginalMessage());
        }
    }
}
