package org.mconnectevents.camel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.RegistryConsumption;
import org.mconnectevents.emulator.Emulator;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * The contract corpus: events valid per CloudEvents 1.0 and the service contract but unusual (every JSON media type,
 * with parameters and in upper case; {@code data_base64}; text data; no data; {@code null} data; extension attributes of
 * every CloudEvents type; unicode, emoji and JSON escapes in every attribute; an event of exactly 64 KiB) are produced
 * through the emulator by a plain HTTPS client with the client's certificate, not by the component, over
 * {@code /ce/produce/events}, {@code /ce/produce/event} (JSON data only) and {@code /ce/produce/raw} (what the binary
 * mode can carry). The component consumes each over WebSocket and over long polling, as headers and body and whole with
 * {@code bodyType=cloudevent}; each case below is one event on one of those four consumers, and arrives with its data
 * and attributes intact.
 */
class ContractCorpusTest {

    /** Reads numbers with every digit, so that data that lost some does not compare equal. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();
    private static final String TYPE = "MCE.Test.Corpus.Recorded";
    private static final String SOURCE = "urn:test:corpus";
    private static final String UNICODE_TYPE = "MCE.Test.Înregistrare.Creată";
    private static final String UNICODE_SOURCE = "urn:test:corpus:Ștefan-世界-😀";
    private static final String TIME = "2024-05-01T10:00:00.123456Z";
    private static final int MAX_EVENT = 64 * 1024;
    private static final Set<String> RAW_MEDIA_TYPES = Set.of("application/json", "text/plain", "application/octet-stream");
    private static final Set<String> CONTEXT_ATTRIBUTES = Set.of("specversion", "id", "source", "type", "subject", "time",
            "datacontenttype", "dataschema", "data", "data_base64");
    /**
     * The four consumers: group (also the route id) → their options; each group receives every event. They reconnect
     * soon, so that the cases after one that stalled a session do not wait for a long back-off.
     */
    private static final Map<String, String> CONSUMERS = Map.of(
            "websocket", "&reconnectDelay=100&reconnectMaxDelay=1000",
            "websocket-cloudevent", "&bodyType=cloudevent&reconnectDelay=100&reconnectMaxDelay=1000",
            "longpolling", "&transport=longpolling&reconnectDelay=100&reconnectMaxDelay=1000",
            "longpolling-cloudevent", "&transport=longpolling&bodyType=cloudevent&reconnectDelay=100&reconnectMaxDelay=1000");
    private static final int CASE_SECONDS = 10;

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml("""
            pollTimeout: PT2S
            clients:
              - name: registry
                produces:
                  - type: MCE.Test.Corpus.Recorded
                    sources: [ "urn:test:corpus", "urn:test:corpus:Ștefan-世界-😀" ]
                  - type: MCE.Test.Înregistrare.Creată
                    sources: [ "urn:test:corpus", "urn:test:corpus:Ștefan-世界-😀" ]
                consumes: [ MCE.Test.Corpus.Recorded, MCE.Test.Înregistrare.Creată ]
            """);

    /** Every event produced, by id, as the service stores it (without the offset). */
    private static final Map<String, ObjectNode> PRODUCED = new LinkedHashMap<>();
    /** consumer route id → event id → the message the route received first. */
    private static final Map<String, Map<String, Message>> RECEIVED = new ConcurrentHashMap<>();
    /** Event id → what became of an event that did not reach every route, for the failure messages. */
    private static final Map<String, String> OUTCOME = new ConcurrentHashMap<>();
    private static CamelContext context;
    /** Events produced since the emulator was last emptied: what each group has to confirm. */
    private static int sinceReset;

    /**
     * Produces the cases one at a time, each after the previous one reached every route or was confirmed by every
     * group, so that an event that stalls a session does not hide the cases after it: when one does, the emulator is
     * emptied (the sessions reconnect) and the next case starts afresh.
     */
    @BeforeAll
    static void produceEachCaseAndConsumeIt() throws Exception {
        Emulator emulator = EMULATOR.emulator();
        context = new DefaultCamelContext();
        EmulatorClients.useClient(context, emulator, EmulatorClients.REGISTRY);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                CONSUMERS.forEach((group, options) -> from("mconnect-events:events?group=" + group + options).routeId(group)
                        .process(exchange -> RECEIVED.computeIfAbsent(group, r -> new ConcurrentHashMap<>()).putIfAbsent(
                                exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class),
                                exchange.getMessage().copy())));
            }
        });
        context.start();
        HttpClient http = HttpClient.newBuilder().sslContext(clientTls(emulator)).build();
        for (String event : corpus("@events")) {
            awaitOutcome(emulator, produce(http, emulator, "ce/produce/events", "application/cloudevents-batch+json",
                    "[" + event + "]"));
        }
        for (String event : corpus("@event")) {
            if (!tree(event).has("data_base64")) {
                awaitOutcome(emulator, produce(http, emulator, "ce/produce/event", "application/cloudevents+json", event));
            }
        }
        for (String event : corpus("@raw")) {
            if (binaryModeCarries(tree(event))) {
                awaitOutcome(emulator, produceRaw(http, emulator, tree(event)));
            }
        }
    }

    /** Bounded: the event reaches every route, or every group confirms it, or it stalls a session. */
    private static void awaitOutcome(Emulator emulator, String id) {
        sinceReset++;
        try {
            within(CASE_SECONDS).until(() -> CONSUMERS.keySet().stream().allMatch(route -> received(route, id) != null)
                    || CONSUMERS.keySet().stream().allMatch(group -> confirmedEverything(emulator, group)));
            if (CONSUMERS.keySet().stream().anyMatch(route -> received(route, id) == null)) {
                OUTCOME.put(id, "every group confirmed it");
            }
        } catch (ConditionTimeoutException e) {
            OUTCOME.put(id, "a session stalled on it for " + CASE_SECONDS + " s");
            emulator.reset();
            sinceReset = 0;
        }
    }

    private static boolean confirmedEverything(Emulator emulator, String group) {
        RegistryConsumption.Group state = RegistryConsumption.group(emulator, group);
        return state.pending() == 0 && state.inFlight() == 0 && state.confirmed() == sinceReset;
    }

    private static Message received(String route, String id) {
        return RECEIVED.getOrDefault(route, Map.of()).get(id);
    }

    @AfterAll
    static void stopCamel() {
        if (context != null) {
            context.stop();
        }
    }

    static Stream<Arguments> cases() {
        return PRODUCED.keySet().stream().flatMap(id -> CONSUMERS.keySet().stream().sorted().map(route -> Arguments.of(id, route)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void arrivesIntact(String id, String route) {
        Message message = received(route, id);
        assertThat(message).as("%s never reached the route %s: %s", id, route, OUTCOME.get(id)).isNotNull();
        ObjectNode sent = PRODUCED.get(id);
        String where = id + " on " + route + ": ";
        if (route.endsWith("cloudevent")) {
            assertWholeEvent(where, sent, message.getBody(CloudEvent.class));
        } else {
            assertHeadersAndBody(where, sent, message);
        }
    }

    private static void assertHeadersAndBody(String where, ObjectNode sent, Message message) {
        assertThat(message.getHeader(MConnectEventsConstants.CLOUD_EVENT_ID)).as(where + "id").isEqualTo(sent.get("id").asText());
        assertThat(message.getHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE)).as(where + "source")
                .isEqualTo(sent.get("source").asText());
        assertThat(message.getHeader(MConnectEventsConstants.CLOUD_EVENT_TYPE)).as(where + "type").isEqualTo(sent.get("type").asText());
        assertThat(message.getHeader(MConnectEventsConstants.CLOUD_EVENT_SPEC_VERSION)).as(where + "specversion").isEqualTo("1.0");
        assertThat(message.getHeader(MConnectEventsConstants.CLOUD_EVENT_DATA_CONTENT_TYPE)).as(where + "datacontenttype")
                .isEqualTo(sent.path("datacontenttype").asText("application/json"));
        assertThat(message.getHeader(MConnectEventsConstants.CLOUD_EVENT_SUBJECT)).as(where + "subject").isEqualTo(text(sent, "subject"));
        assertThat(OffsetDateTime.parse(message.getHeader(MConnectEventsConstants.CLOUD_EVENT_TIME, String.class)))
                .as(where + "time").isEqualTo(OffsetDateTime.parse(sent.get("time").asText()));
        assertThat(message.getHeader(MConnectEventsConstants.PARTITION_KEY)).as(where + "partitionkey")
                .isEqualTo(text(sent, "partitionkey"));
        assertThat(message.getHeader(MConnectEventsConstants.OFFSET)).as(where + "offset").isInstanceOf(Long.class);
        Object body = message.getBody();
        byte[] expected = dataBytes(sent);
        if (expected == null) {
            assertThat(body).as(where + "no data, no body").isNull();
        } else if (isJson(sent)) {
            assertThat(body).as(where + "JSON data as a String").isInstanceOf(String.class);
            assertJsonData(where, (String) body, sent.get("data"));
        } else if (mediaType(sent.get("datacontenttype").asText()).startsWith("text/")) {
            assertThat(body).as(where + "text data as a String").isEqualTo(new String(expected, StandardCharsets.UTF_8));
        } else {
            assertThat(body).as(where + "binary data as bytes").isEqualTo(expected);
        }
    }

    private static void assertWholeEvent(String where, ObjectNode sent, CloudEvent event) {
        assertThat(event).as(where + "the body, a CloudEvent").isNotNull();
        assertThat(event.getId()).as(where + "id").isEqualTo(sent.get("id").asText());
        assertThat(event.getSource()).as(where + "source").hasToString(sent.get("source").asText());
        assertThat(event.getType()).as(where + "type").isEqualTo(sent.get("type").asText());
        assertThat(event.getSpecVersion()).as(where + "specversion").hasToString("1.0");
        assertThat(event.getDataContentType()).as(where + "datacontenttype").isEqualTo(text(sent, "datacontenttype"));
        assertThat(event.getSubject()).as(where + "subject").isEqualTo(text(sent, "subject"));
        assertThat(event.getTime()).as(where + "time").isEqualTo(OffsetDateTime.parse(sent.get("time").asText()));
        assertThat(event.getDataSchema() == null ? null : event.getDataSchema().toString()).as(where + "dataschema")
                .isEqualTo(text(sent, "dataschema"));
        Map<String, Object> extensions = new HashMap<>();
        sent.fields().forEachRemaining(field -> {
            if (!CONTEXT_ATTRIBUTES.contains(field.getKey())) {
                JsonNode value = field.getValue();
                extensions.put(field.getKey(), value.isBoolean() ? value.booleanValue() : value.isInt() ? value.intValue() : value.asText());
            }
        });
        Map<String, Object> received = new HashMap<>();
        event.getExtensionNames().forEach(name -> received.put(name, event.getExtension(name)));
        assertThat(received).as(where + "extension attributes, with their types").isEqualTo(extensions);
        byte[] expected = dataBytes(sent);
        if (expected == null) {
            assertThat(event.getData()).as(where + "no data").isNull();
        } else if (isJson(sent)) {
            assertJsonData(where, new String(event.getData().toBytes(), StandardCharsets.UTF_8), sent.get("data"));
        } else {
            assertThat(event.getData().toBytes()).as(where + "data bytes").isEqualTo(expected);
        }
    }

    /** JSON data must arrive as its JSON text: a JSON string with its quotes, numbers with every digit. */
    private static void assertJsonData(String where, String text, JsonNode data) {
        JsonNode received;
        try {
            received = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            received = null;
        }
        assertThat(received).as("%sJSON data as its JSON text; got <%s>", where, text).isEqualTo(data);
    }

    /** The data as bytes (JSON data as its JSON text), or null when the event has none. */
    private static byte[] dataBytes(JsonNode event) {
        if (event.has("data_base64")) {
            return Base64.getDecoder().decode(event.get("data_base64").asText());
        }
        if (!event.has("data")) {
            return null;
        }
        String text = isJson(event) ? event.get("data").toString() : event.get("data").asText();
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The CloudEvents JSON format's rule: application/json, text/json or +json, in any case, parameters ignored. */
    private static boolean isJson(JsonNode event) {
        String mediaType = mediaType(event.path("datacontenttype").asText("application/json"));
        return mediaType.equals("application/json") || mediaType.equals("text/json") || mediaType.endsWith("+json");
    }

    private static String mediaType(String contentType) {
        return contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode event, String attribute) {
        return event.hasNonNull(attribute) ? event.get(attribute).asText() : null;
    }

    /**
     * The corpus as JSON texts (so that escapes reach the service as written), each id ending with {@code suffix} so
     * that the same case can be produced over each endpoint.
     */
    private static List<String> corpus(String suffix) {
        List<String> corpus = new ArrayList<>();
        for (String[] dataCase : new String[][] {
                {"json-object", "application/json", "{\"a\":1,\"b\":[true,null,2.5,-0.0],\"c\":{\"d\":\"e\"}}"},
                {"json-string", "application/json", "\"just a JSON string\""},
                {"json-number", "application/json", "12345678901234567890.5"},
                {"text-json", "text/json", "{\"a\":1}"},
                {"merge-patch", "application/merge-patch+json", "{\"a\":null,\"b\":{\"c\":1}}"},
                {"vendor-json", "application/vnd.x+json", "{\"x\":[1,2,3]}"},
                {"vendor-json-string", "application/vnd.x+json", "\"a vendor JSON string\""},
                {"json-parameters", "application/json; charset=utf-8", "[1,2]"},
                {"json-upper-case", "APPLICATION/JSON", "{\"A\":1}"},
                {"vendor-upper-case-parameters", "Application/Vnd.X+JSON; Charset=UTF-8", "{\"a\":1}"},
                {"text-plain", "text/plain; charset=utf-8", "\"Bună ziua, 世界 😀\\nline two\\t\\\"quoted\\\"\""},
                {"text-xml", "application/xml", "\"<a href=\\\"x\\\">ș</a>\""},
                {"null-data", "application/json", "null"}}) {
            corpus.add(event(dataCase[0] + suffix, "\"datacontenttype\":\"" + dataCase[1] + "\",\"data\":" + dataCase[2]));
        }
        corpus.add(event("base64" + suffix, "\"datacontenttype\":\"application/octet-stream\",\"data_base64\":\"AAEC/w==\""));
        corpus.add(event("no-data" + suffix, ""));
        corpus.add(event("no-data-with-content-type" + suffix, "\"datacontenttype\":\"application/json\""));
        corpus.add(event("extensions" + suffix, """
                "strext":"a string","intext":2147483647,"negintext":-2147483648,"boolext":true,"falseext":false,\
                "uriext":"https://example.org/a?b=c#d","urirefext":"../relative/path?x=1","binaryext":"AAEC/w==",\
                "timeext":"2024-05-01T10:00:00.123456789+03:00","datacontenttype":"application/json","data":{"a":1}"""));
        corpus.add(unicode(suffix));
        if (!suffix.equals("@raw")) {
            corpus.add(ofExactly64KiB("64kib" + suffix));
        }
        return corpus;
    }

    /** Unicode in every attribute that may hold it, as such and as JSON escapes. */
    private static String unicode(String suffix) {
        return """
                {"specversion":"1.0","id":"unicode-ș-世界-😀-\\u0218\\ud83d\\ude00%s","source":"%s","type":"%s",\
                "time":"%s","subject":"Ștefan Țurcanu, Ярослав, 李小龙 😀 \\u00e9 \\ud83d\\ude00 \\"q\\" \\\\ / \\n",\
                "partitionkey":"cheie:ș-😀","dataschema":"https://example.org/schemă/😀.json","nume":"Ярослав 😀 \\u0218",\
                "datacontenttype":"application/json","data":{"nume":"Ștefan \\u0218 😀","ключ":"значение"}}"""
                .formatted(suffix, UNICODE_SOURCE, UNICODE_TYPE, TIME);
    }

    /** An event whose JSON form, as produced and stored, is exactly the service's 64 KiB limit. */
    private static String ofExactly64KiB(String id) {
        String empty = event(id, "\"datacontenttype\":\"application/json\",\"data\":{\"note\":\"\"}");
        String padding = "x".repeat(MAX_EVENT - empty.getBytes(StandardCharsets.UTF_8).length);
        String event = empty.replace("\"note\":\"\"", "\"note\":\"" + padding + "\"");
        assertThat(event.getBytes(StandardCharsets.UTF_8)).hasSize(MAX_EVENT);
        return event;
    }

    private static String event(String id, String members) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + SOURCE + "\",\"type\":\"" + TYPE
                + "\",\"time\":\"" + TIME + "\"" + (members.isEmpty() ? "" : "," + members) + "}";
    }

    private static ObjectNode tree(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /** Whether the binary mode carries the event unchanged: a content type /raw takes, and only string extensions. */
    private static boolean binaryModeCarries(ObjectNode event) {
        return event.has("datacontenttype") && RAW_MEDIA_TYPES.contains(mediaType(event.get("datacontenttype").asText()))
                && event.properties().stream().allMatch(field -> field.getValue().isTextual() || field.getKey().equals("data"));
    }

    /** Produces the one event of the body; returns its id. */
    private static String produce(HttpClient http, Emulator emulator, String path, String contentType, String body)
            throws Exception {
        accepted(http, HttpRequest.newBuilder(emulator.baseAddress().resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        ObjectNode event = tree(body.startsWith("[") ? body.substring(1, body.length() - 1) : body);
        PRODUCED.put(event.get("id").asText(), event);
        return event.get("id").asText();
    }

    /** The binary mode: attributes as percent-encoded {@code ce-} headers, the data as the body; returns its id. */
    private static String produceRaw(HttpClient http, Emulator emulator, ObjectNode event) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(emulator.baseAddress().resolve("ce/produce/raw"))
                .header("Content-Type", event.get("datacontenttype").asText());
        event.fields().forEachRemaining(field -> {
            if (!Set.of("datacontenttype", "data", "data_base64").contains(field.getKey())) {
                request.header("ce-" + field.getKey(),
                        URLEncoder.encode(field.getValue().asText(), StandardCharsets.UTF_8).replace("+", "%20"));
            }
        });
        byte[] data = dataBytes(event);
        accepted(http, request.POST(HttpRequest.BodyPublishers.ofByteArray(data == null ? new byte[0] : data)));
        PRODUCED.put(event.get("id").asText(), event);
        return event.get("id").asText();
    }

    private static void accepted(HttpClient http, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    /** The client's certificate with its intermediate, trusting the emulator's root CA only. */
    private static SSLContext clientTls(Emulator emulator) throws Exception {
        char[] password = emulator.keyStorePassword().toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(emulator.clientKeyStore(EmulatorClients.REGISTRY))) {
            keys.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(emulator.trustedCertificate())) {
            trusted.setCertificateEntry("root", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return tls;
    }
}
