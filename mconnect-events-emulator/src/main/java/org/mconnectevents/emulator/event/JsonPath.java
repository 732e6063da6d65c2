package org.mconnectevents.emulator.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON path of the service's personal-data configuration, parsed and evaluated by Jayway JsonPath: the library
 * the component's personal-data record uses (through camel-jsonpath), so that the emulator and the component cannot
 * read one configured path differently.
 */
public final class JsonPath {

    /**
     * Reads Jackson trees as they are; every path answers a list, and a path that finds nothing an empty one, since
     * the service records such a delivery with a problem rather than refusing it.
     */
    private static final Configuration JSON = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.ALWAYS_RETURN_LIST, Option.SUPPRESS_EXCEPTIONS)
            .build();

    private final String expression;
    private final com.jayway.jsonpath.JsonPath compiled;

    private JsonPath(String expression, com.jayway.jsonpath.JsonPath compiled) {
        this.expression = expression;
        this.compiled = compiled;
    }

    /** Whether a configured value is a JSON path (starts with {@code $}) rather than fixed text. */
    public static boolean isPath(String value) {
        return value != null && value.startsWith("$");
    }

    /** Compiles a path; an expression the library refuses is an {@link IllegalArgumentException} naming it. */
    public static JsonPath compile(String expression) {
        if (!isPath(expression)) {
            throw new IllegalArgumentException("JSON path " + expression + " must start with $");
        }
        try {
            return new JsonPath(expression, com.jayway.jsonpath.JsonPath.compile(expression));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("JSON path " + expression + " is not valid: " + e.getMessage(), e);
        }
    }

    /** Every non-null value the path selects in {@code root}; empty when nothing matches. */
    public List<JsonNode> select(JsonNode root) {
        List<JsonNode> selected = new ArrayList<>();
        if (root == null) {
            return selected;
        }
        JsonNode found = compiled.read(root, JSON);
        if (found != null) {
            found.forEach(node -> {
                if (!node.isNull()) {
                    selected.add(node);
                }
            });
        }
        return selected;
    }

    @Override
    public String toString() {
        return expression;
    }
}
