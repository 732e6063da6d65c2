package org.mconnectevents.emulator.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The small JSON path subset the service's personal-data configuration uses: {@code $}, {@code .name},
 * {@code ['name']}, {@code [index]} and the wildcard {@code [*]} / {@code .*}.
 */
public final class JsonPath {

    private final String expression;
    private final List<String> steps;

    private JsonPath(String expression, List<String> steps) {
        this.expression = expression;
        this.steps = steps;
    }

    /** Whether a configured value is a JSON path (starts with {@code $}) rather than fixed text. */
    public static boolean isPath(String value) {
        return value != null && value.startsWith("$");
    }

    /** Compiles a path; an unsupported expression is an {@link IllegalArgumentException} naming it. */
    public static JsonPath compile(String expression) {
        if (!isPath(expression)) {
            throw new IllegalArgumentException("JSON path " + expression + " must start with $");
        }
        List<String> steps = new ArrayList<>();
        int i = 1;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < expression.length() && ".[".indexOf(expression.charAt(end)) < 0) {
                    end++;
                }
                steps.add(expression.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int end = expression.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("JSON path " + expression + ": unclosed [");
                }
                String inside = expression.substring(i + 1, end).trim();
                if (inside.startsWith("'") && inside.endsWith("'") && inside.length() >= 2) {
                    inside = inside.substring(1, inside.length() - 1);
                } else if (!inside.equals("*") && !inside.matches("\\d+")) {
                    throw new IllegalArgumentException("JSON path " + expression + ": unsupported [" + inside + "]");
                } else if (inside.matches("\\d+")) {
                    inside = "#" + inside;
                }
                steps.add(inside);
                i = end + 1;
            } else {
                throw new IllegalArgumentException("JSON path " + expression + ": unexpected '" + c + "' at " + i);
            }
        }
        return new JsonPath(expression, List.copyOf(steps));
    }

    /** Every value the path selects in {@code root}; empty when nothing matches. */
    public List<JsonNode> select(JsonNode root) {
        List<JsonNode> current = new ArrayList<>();
        if (root != null) {
            current.add(root);
        }
        for (String step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                if (step.equals("*")) {
                    node.elements().forEachRemaining(next::add);
                } else if (step.startsWith("#") && node.isArray()) {
                    addIfPresent(next, node.get(Integer.parseInt(step.substring(1))));
                } else if (node.isObject()) {
                    addIfPresent(next, node.get(step));
                }
            }
            current = next;
        }
        return current;
    }

    private static void addIfPresent(List<JsonNode> nodes, JsonNode node) {
        if (node != null && !node.isNull()) {
            nodes.add(node);
        }
    }

    @Override
    public String toString() {
        return expression;
    }
}
