package org.mconnectevents.emulator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.mconnectevents.emulator.event.JsonPath;
import org.mconnectevents.emulator.tls.ServerName;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the emulator's YAML configuration. Every problem stops start-up with a {@link ConfigException} naming
 * the file, the key and what is wrong; unknown keys are refused so that a typo does not silently change nothing.
 */
public final class ConfigLoader {

    /** The built-in demo configuration, used when no file is given. */
    public static final String DEMO_RESOURCE = "/org/mconnectevents/emulator/demo-config.yaml";

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Set<String> TOP_KEYS = Set.of("host", "port", "adminHost", "adminPort",
            "serverNames", "certs", "keyStorePassword",
            "partitions", "retention", "unconfirmedWindow", "pollTimeout", "instanceExpiry", "maxEventSize",
            "maxRequestSize", "clients", "faults");
    private static final Set<String> CLIENT_KEYS = Set.of("name", "idno", "produces", "consumes", "personalData");
    private static final Set<String> PRODUCES_KEYS = Set.of("type", "sources", "schema");
    private static final Set<String> PERSONAL_DATA_KEYS = Set.of("subject", "legalBasis", "legalReason");
    private static final Set<String> FAULT_KEYS = Set.of("produceFailRate", "produceStoreThenFailRate",
            "closeSessionAfterMessages", "closeSessionRate", "dropConfirmRate", "responseDelay",
            "sessionStartDelay", "instanceExpiry", "poisonRate", "poisonKinds");

    private ConfigLoader() {
    }

    /** Reads a configuration file; relative paths inside it (certs, schemas) are resolved against its folder. */
    public static EmulatorConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no such configuration file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            Path base = file.toAbsolutePath().getParent();
            return parse(YAML.readTree(in), file.toString(), base);
        } catch (IOException e) {
            throw new ConfigException(file + ": not readable as YAML: " + e.getMessage(), e);
        }
    }

    /** Reads a configuration from YAML text; relative paths are resolved against {@code baseDir}. */
    public static EmulatorConfig fromYaml(String yaml, Path baseDir) {
        try {
            return parse(YAML.readTree(yaml), "inline configuration", baseDir);
        } catch (IOException e) {
            throw new ConfigException("inline configuration: not readable as YAML: " + e.getMessage(), e);
        }
    }

    /** The built-in demo configuration (a producer and a consumer, as in the README). */
    public static EmulatorConfig demo() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEMO_RESOURCE + " is missing from the emulator jar");
            }
            return parse(YAML.readTree(in), "built-in demo configuration", Path.of("."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads faults from JSON or YAML (the admin API's {@code PUT /emulator/faults} body). */
    public static Faults faultsFrom(String text, String origin) {
        try {
            JsonNode node = YAML.readTree(text);
            return faults(new Node(node == null ? YAML.createObjectNode() : node, origin, "faults"));
        } catch (IOException e) {
            throw new ConfigException(origin + ": not readable as JSON: " + e.getMessage(), e);
        }
    }

    private static EmulatorConfig parse(JsonNode tree, String origin, Path base) {
        Node root = new Node(tree == null ? YAML.createObjectNode() : tree, origin, "");
        root.requireObject(TOP_KEYS);
        List<ClientConfig> clients = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node client : root.list("clients")) {
            ClientConfig parsed = client(client, base);
            if (!names.add(parsed.name())) {
                throw client.problem("name", "client '" + parsed.name() + "' is configured twice");
            }
            clients.add(parsed);
        }
        EmulatorConfig config = new EmulatorConfig(
                root.text("host", EmulatorConfig.DEFAULT_HOST),
                root.port("port", 8443),
                root.text("adminHost", EmulatorConfig.DEFAULT_HOST),
                root.port("adminPort", 8081),
                serverNames(root),
                base.resolve(root.text("certs", "./certs")).normalize(),
                root.text("keyStorePassword", "changeit"),
                root.positiveInt("partitions", EmulatorConfig.DEFAULT_PARTITIONS),
                root.duration("retention", EmulatorConfig.DEFAULT_RETENTION),
                root.positiveInt("unconfirmedWindow", EmulatorConfig.DEFAULT_UNCONFIRMED_WINDOW),
                root.duration("pollTimeout", EmulatorConfig.DEFAULT_POLL_TIMEOUT),
                root.duration("instanceExpiry", EmulatorConfig.DEFAULT_INSTANCE_EXPIRY),
                root.positiveInt("maxEventSize", EmulatorConfig.DEFAULT_MAX_EVENT_SIZE),
                root.positiveInt("maxRequestSize", EmulatorConfig.DEFAULT_MAX_REQUEST_SIZE),
                clients,
                root.has("faults") ? faults(root.child("faults")) : Faults.NONE,
                origin);
        checkSchemasAgreePerType(config, root);
        return config;
    }

    /**
     * Each name becomes a subject alternative name of the server certificate: a DNS name or an IP address. A name
     * that is neither would be minted into a certificate no client accepts, so it stops start-up here.
     */
    private static List<String> serverNames(Node root) {
        if (!root.has("serverNames")) {
            return EmulatorConfig.DEFAULT_SERVER_NAMES;
        }
        List<String> names = root.textList("serverNames");
        if (names.isEmpty()) {
            throw root.problem("serverNames", "at least one name is required, e.g. [ localhost, 127.0.0.1 ]");
        }
        for (String name : names) {
            if (!ServerName.isIpAddress(name) && !ServerName.isDnsName(name)) {
                throw root.problem("serverNames", "'" + name + "' is neither a DNS name nor an IP address;"
                        + " use names such as mconnect-emulator or localhost, or addresses such as 127.0.0.1");
            }
        }
        return names;
    }

    private static ClientConfig client(Node node, Path base) {
        node.requireObject(CLIENT_KEYS);
        String name = node.requiredText("name");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw node.problem("name", "'" + name + "' is not a usable certificate name: use letters, digits, '.', '_' or '-'");
        }
        List<ProducedType> produces = new ArrayList<>();
        for (Node p : node.list("produces")) {
            p.requireObject(PRODUCES_KEYS);
            String schema = p.text("schema", null);
            Path schemaPath = schema == null ? null : base.resolve(schema).normalize();
            if (schemaPath != null && !Files.isRegularFile(schemaPath)) {
                throw p.problem("schema", "file " + schemaPath + " does not exist");
            }
            List<String> sources = p.textList("sources");
            if (sources.isEmpty()) {
                throw p.problem("sources", "at least one source URI is required");
            }
            produces.add(new ProducedType(p.requiredText("type"), sources, schemaPath));
        }
        Map<String, PersonalDataRule> personalData = new LinkedHashMap<>();
        if (node.has("personalData")) {
            Node rules = node.child("personalData");
            for (String type : rules.fieldNames()) {
                Node rule = rules.child(type);
                rule.requireObject(PERSONAL_DATA_KEYS);
                List<String> subjects = rule.textOrTextList("subject");
                if (subjects.isEmpty()) {
                    throw rule.problem("subject", "a JSON path to the data subject is required");
                }
                subjects.forEach(subject -> requireJsonPath(rule, "subject", subject));
                String legalBasis = rule.text("legalBasis", null);
                String legalReason = rule.text("legalReason", null);
                if (JsonPath.isPath(legalBasis)) {
                    requireJsonPath(rule, "legalBasis", legalBasis);
                }
                if (JsonPath.isPath(legalReason)) {
                    requireJsonPath(rule, "legalReason", legalReason);
                }
                personalData.put(type, new PersonalDataRule(subjects, legalBasis, legalReason));
            }
        }
        return new ClientConfig(name, node.text("idno", null), produces, node.textList("consumes"), personalData);
    }

    /** A path the service could not evaluate would only show up when the first event is delivered. */
    private static void requireJsonPath(Node node, String key, String expression) {
        try {
            JsonPath.compile(expression);
        } catch (IllegalArgumentException e) {
            throw node.problem(key, e.getMessage());
        }
    }

    private static Faults faults(Node node) {
        node.requireObject(FAULT_KEYS);
        return new Faults(
                node.rate("produceFailRate"),
                node.rate("produceStoreThenFailRate"),
                node.nonNegativeInt("closeSessionAfterMessages", 0),
                node.rate("closeSessionRate"),
                node.rate("dropConfirmRate"),
                node.duration("responseDelay", java.time.Duration.ZERO),
                node.duration("sessionStartDelay", java.time.Duration.ZERO),
                node.duration("instanceExpiry", null),
                node.rate("poisonRate"),
                poisonKinds(node));
    }

    private static List<PoisonKind> poisonKinds(Node node) {
        List<PoisonKind> kinds = new ArrayList<>();
        for (String name : node.textOrTextList("poisonKinds")) {
            kinds.add(PoisonKind.named(name).orElseThrow(() -> node.problem("poisonKinds",
                    "'" + name + "' is not a poison kind; known kinds are " + PoisonKind.names())));
        }
        return kinds;
    }

    /** One schema per type: two producers declaring different schema files for a type is a mistake. */
    private static void checkSchemasAgreePerType(EmulatorConfig config, Node root) {
        Map<String, Path> schemaByType = new LinkedHashMap<>();
        for (ClientConfig client : config.clients()) {
            for (ProducedType produced : client.produces()) {
                if (produced.schema() == null) {
                    continue;
                }
                Path earlier = schemaByType.putIfAbsent(produced.type(), produced.schema());
                if (earlier != null && !earlier.equals(produced.schema())) {
                    throw root.problem("clients", "type " + produced.type() + " has two schemas, " + earlier
                            + " and " + produced.schema() + ": the service validates one schema per type");
                }
            }
        }
    }
}
