package org.mconnectevents.emulator.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Events that are valid per CloudEvents 1.0 and PROTOCOL.md but unusual: every JSON media type (with parameters, in
 * upper case), {@code data_base64}, text data, no data, {@code null} data, extension attributes of every CloudEvents
 * type, and unicode (non-Latin, emoji, JSON escapes) in every attribute that may hold it. Each is written as JSON text,
 * so that escapes reach the service as a producer wrote them; each has a {@code time}, so that the service adds
 * nothing to it but the offset.
 */
public final class UnusualEvents {

    /** The type and source of the corpus; the producer of the tests may use both, the consumer consumes both types. */
    public static final String TYPE = "EMU.Test.Thing.Happened";
    public static final String SOURCE = "urn:emu:producer";
    /** A type and a source with non-Latin letters and an emoji, registered as such. */
    public static final String UNICODE_TYPE = "EMU.Test.Ființă.Născută";
    public static final String UNICODE_SOURCE = "urn:emu:producător:Ștefan-世界-😀";
    public static final String TIME = "2024-05-01T10:00:00.123456Z";

    /** The emulator configuration these events need: a producer allowed both types and sources, a consumer of both. */
    public static final String YAML = """
            pollTimeout: PT2S
            clients:
              - name: producer
                produces:
                  - type: EMU.Test.Thing.Happened
                    sources: [ "urn:emu:producer", "urn:emu:producător:Ștefan-世界-😀" ]
                  - type: EMU.Test.Ființă.Născută
                    sources: [ "urn:emu:producer", "urn:emu:producător:Ștefan-世界-😀" ]
              - name: consumer
                consumes: [ EMU.Test.Thing.Happened, EMU.Test.Ființă.Născută ]
            """;

    /** One event of the corpus: its id (unique in the corpus) and its JSON text. */
    public record Unusual(String id, String json) {

        public JsonNode tree() {
            return CloudEventJson.parse(json);
        }

        /** Whether {@code /ce/produce/event} takes it (JSON data only there: no {@code data_base64}). */
        public boolean jsonDataOnly() {
            return !tree().has("data_base64");
        }
    }

    private UnusualEvents() {
    }

    /** The whole corpus, every event on {@link #TYPE} from {@link #SOURCE} unless it is about them. */
    public static List<Unusual> all() {
        return List.of(
                withData("json-object", "application/json", "{\"a\":1,\"b\":[true,null,2.5,-0.0]}"),
                withData("json-string", "application/json", "\"just a JSON string\""),
                withData("json-number", "application/json", "12345678901234567890.5"),
                withData("text-json", "text/json", "{\"a\":1}"),
                withData("text-json-string", "text/json", "\"a JSON string in text/json\""),
                withData("merge-patch", "application/merge-patch+json", "{\"a\":null,\"b\":{\"c\":1}}"),
                withData("vendor-json", "application/vnd.x+json", "{\"x\":[1,2,3]}"),
                withData("vendor-json-string", "application/vnd.x+json", "\"a vendor JSON string\""),
                withData("json-parameters", "application/json; charset=utf-8", "[1,2]"),
                withData("json-upper-case", "APPLICATION/JSON", "{\"A\":1}"),
                withData("vendor-upper-case-parameters", "Application/Vnd.X+JSON; Charset=\\\"UTF-8\\\"", "{\"a\":1}"),
                withData("text-plain", "text/plain; charset=utf-8", "\"Bună ziua, 世界 😀\\nline two\\t\\\"quoted\\\"\""),
                withData("text-xml", "application/xml", "\"<a href=\\\"x\\\">ș</a>\""),
                withData("null-data", "application/json", "null"),
                event("base64", "\"datacontenttype\":\"application/octet-stream\",\"data_base64\":\"AAEC/w==\""),
                event("base64-image", "\"datacontenttype\":\"image/png\",\"data_base64\":\"iVBORw0KGgo=\""),
                event("no-data", ""),
                event("no-data-with-content-type", "\"datacontenttype\":\"application/json\""),
                event("extensions", """
                        "strext":"a string","intext":2147483647,"negintext":-2147483648,"boolext":true,\
                        "falseext":false,"uriext":"https://example.org/a?b=c#d","urirefext":"../relative/path?x=1",\
                        "binaryext":"AAEC/w==","timeext":"2024-05-01T10:00:00.123456789+03:00",\
                        "datacontenttype":"application/json","data":{"a":1}"""),
                unicode());
    }

    /** Unicode in every attribute that may hold it, written both as such and as JSON escapes. */
    private static Unusual unicode() {
        String id = "unicode-ș-世界-😀-\\u0218\\ud83d\\ude00";
        return new Unusual("unicode-ș-世界-😀-Ș😀", """
                {"specversion":"1.0","id":"%s","source":"%s","type":"%s","time":"%s",\
                "subject":"Subiect: Ștefan Țurcanu, Ярослав, 李小龙 😀 \\u00e9 \\ud83d\\ude00 \\"q\\" \\\\ / \\n",\
                "partitionkey":"cheie:ș-😀","dataschema":"https://example.org/schemă/😀.json",\
                "nume":"Ярослав 😀 \\u0218","datacontenttype":"application/json",\
                "data":{"nume":"Ștefan \\u0218 😀","ключ":"значение","emoji😀":["😀","\\ud83d\\ude00"]}}"""
                .formatted(id, UNICODE_SOURCE, UNICODE_TYPE, TIME));
    }

    private static Unusual withData(String id, String contentType, String jsonData) {
        return event(id, "\"datacontenttype\":\"" + contentType + "\",\"data\":" + jsonData);
    }

    private static Unusual event(String id, String members) {
        return new Unusual(id, "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + SOURCE + "\",\"type\":\""
                + TYPE + "\",\"time\":\"" + TIME + "\"" + (members.isEmpty() ? "" : "," + members) + "}");
    }
}
