package org.mconnectevents.camel.jpa.personaldata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.mconnectevents.client.Redaction;

/**
 * The JSON data of one consumed event, parsed once, and the values a personal-data rule reads from it. Anything the
 * rule needs and does not find is a {@link PersonalDataPathMissingException} naming the event, its type and the path.
 */
final class ConsumedEventData {

    /** Jackson, already the component's JSON library; properties missing from some array elements are missing, not skipped. */
    private static final Configuration JSON = Configuration.builder().jsonProvider(new JacksonJsonProvider())
            .mappingProvider(new JacksonMappingProvider()).options(Option.REQUIRE_PROPERTIES).build();

    private final String source;
    private final String id;
    private final String type;
    private final Object document;

    private ConsumedEventData(String source, String id, String type, Object document) {
        this.source = source;
        this.id = id;
        this.type = type;
        this.document = document;
    }

    /**
     * Parses the data ({@code String} or {@code byte[]}, UTF-8) of the event ({@code source}, {@code id}, {@code type});
     * {@code redaction} says whether a failure may quote the data.
     */
    static ConsumedEventData parse(String source, String id, String type, Object data, Redaction redaction) {
        String text = data instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) data;
        if (text == null || text.isBlank()) {
            throw new PersonalDataPathMissingException(describe(source, id, type) + " has no data, and a personal-data rule "
                    + "exists for its type: the data subjects cannot be recorded. The producer must send them in the data.");
        }
        try {
            return new ConsumedEventData(source, id, type, JSON.jsonProvider().parse(text));
        } catch (InvalidJsonException e) {
            throw new PersonalDataPathMissingException(describe(source, id, type) + " has data that is not JSON, and a "
                    + "personal-data rule exists for its type: its paths cannot be read (" + whereNotJson(e, redaction) + ").", e);
        }
    }

    /** Where the parser stopped; what it says there quotes the data, so only when showing event data. */
    private static String whereNotJson(InvalidJsonException e, Redaction redaction) {
        if (redaction.showsEventData()) {
            return e.getMessage();
        }
        if (e.getCause() instanceof JsonProcessingException parsing && parsing.getLocation() != null) {
            return "not JSON at line " + parsing.getLocation().getLineNr() + ", column " + parsing.getLocation().getColumnNr();
        }
        return "not JSON";
    }

    /** Every value {@code path} finds, each a non-blank scalar; at least one. */
    List<String> values(RulePath path, String role) {
        Object found = read(path, role);
        Collection<?> items = found instanceof Collection<?> collection ? collection : List.of(found);
        if (items.isEmpty()) {
            throw missing(path, role, "finds nothing");
        }
        List<String> values = new ArrayList<>();
        for (Object item : items) {
            values.add(scalar(item, path, role));
        }
        return values;
    }

    /** The one value {@code path} finds, a non-blank scalar. */
    String value(RulePath path, String role) {
        List<String> values = values(path, role);
        if (values.size() > 1) {
            throw missing(path, role, "finds " + values.size() + " values where one is expected");
        }
        return values.get(0);
    }

    private Object read(RulePath path, String role) {
        try {
            return path.compiled().read(document, JSON);
        } catch (JsonPathException e) {
            throw new PersonalDataPathMissingException(message(path, role, "finds nothing (" + e.getMessage() + ")"), e);
        }
    }

    private String scalar(Object item, RulePath path, String role) {
        if (item == null) {
            throw missing(path, role, "finds null");
        }
        if (item instanceof Map<?, ?> || item instanceof Collection<?>) {
            throw missing(path, role, "finds " + (item instanceof Map<?, ?> ? "an object" : "an array") + ", not a value");
        }
        String text = item.toString();
        if (text.isBlank()) {
            throw missing(path, role, "finds an empty value");
        }
        return text;
    }

    private PersonalDataPathMissingException missing(RulePath path, String role, String what) {
        return new PersonalDataPathMissingException(message(path, role, what));
    }

    private String message(RulePath path, String role, String what) {
        return describe(source, id, type) + ": the personal-data path " + path.text() + " (" + role + ") " + what
                + " in its data, so the processing cannot be recorded. The producer must put it in such events; if the "
                + "path is wrong, correct the personal-data rule of " + type + ".";
    }

    /** A path of a rule as configured (for messages) and compiled (for reading). */
    record RulePath(String text, JsonPath compiled) {
    }

    private static String describe(String source, String id, String type) {
        return "Event (source=" + source + ", id=" + id + ") of type " + type;
    }
}
