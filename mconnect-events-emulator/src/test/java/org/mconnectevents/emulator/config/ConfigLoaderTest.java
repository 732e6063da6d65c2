package org.mconnectevents.emulator.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The YAML configuration file of issue 2 is a contract other tools rely on: every key of it loads, relative
 * paths resolve against the file's folder, and every mistake stops start-up with a {@link ConfigException}
 * whose message names the file, the key and the problem.
 */
class ConfigLoaderTest {

    private static final String VALID_CLIENT = """
            clients:
              - name: demo-producer
                produces:
                  - type: ASP.RST.VP.Invalidated
                    sources: [ "urn:asp" ]
            """;

    @TempDir
    Path folder;

    @Test
    void everyKeyOfTheContractLoads() throws IOException {
        Files.createDirectories(folder.resolve("schemas"));
        Files.writeString(folder.resolve("schemas/vp-invalidated.json"), "{\"type\":\"object\"}");
        Path file = write("emulator.yaml", """
                host: 0.0.0.0
                port: 9443
                adminHost: 0.0.0.0
                adminPort: 9081
                serverNames: [ mconnect-emulator, localhost, 10.0.0.7, "::1" ]
                certs: ./my-certs
                keyStorePassword: secret
                partitions: 6
                retention: PT48H
                unconfirmedWindow: 50
                pollTimeout: PT2S
                instanceExpiry: PT1M
                maxEventSize: 2048
                maxRequestSize: 8192
                clients:
                  - name: demo-producer
                    idno: "1003600000001"
                    produces:
                      - type: ASP.RST.VP.Invalidated
                        sources: [ "urn:asp", "urn:asp:batch" ]
                        schema: schemas/vp-invalidated.json
                  - name: demo-consumer
                    idno: "1003600000002"
                    consumes: [ ASP.RST.VP.Invalidated, MS.eCMND.Person.Born ]
                    personalData:
                      MS.eCMND.Person.Born:
                        subject: "$.ChildIDNP"
                        legalBasis: "Law 133/2011"
                        legalReason: "$.EventReason"
                faults:
                  produceFailRate: 0.1
                  produceStoreThenFailRate: 0.2
                  closeSessionAfterMessages: 3
                  closeSessionRate: 0.3
                  dropConfirmRate: 0.4
                  responseDelay: PT0.5S
                  sessionStartDelay: PT1S
                  instanceExpiry: PT10S
                  poisonRate: 0.05
                  poisonKinds: [ not-json, missing-id ]
                """);

        EmulatorConfig config = ConfigLoader.load(file);

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(9443);
        assertThat(config.adminHost()).isEqualTo("0.0.0.0");
        assertThat(config.adminPort()).isEqualTo(9081);
        assertThat(config.serverNames()).containsExactly("mconnect-emulator", "localhost", "10.0.0.7", "::1");
        assertThat(config.certs()).isEqualTo(folder.toAbsolutePath().resolve("my-certs"));
        assertThat(config.keyStorePassword()).isEqualTo("secret");
        assertThat(config.partitions()).isEqualTo(6);
        assertThat(config.retention()).isEqualTo(Duration.ofHours(48));
        assertThat(config.unconfirmedWindow()).isEqualTo(50);
        assertThat(config.pollTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.instanceExpiry()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.maxEventSize()).isEqualTo(2048);
        assertThat(config.maxRequestSize()).isEqualTo(8192);
        assertThat(config.source()).isEqualTo(file.toString());

        ClientConfig producer = config.client("demo-producer").orElseThrow();
        assertThat(producer.idno()).isEqualTo("1003600000001");
        assertThat(producer.produces()).containsExactly(new ProducedType("ASP.RST.VP.Invalidated",
                List.of("urn:asp", "urn:asp:batch"), folder.toAbsolutePath().resolve("schemas/vp-invalidated.json")));
        assertThat(producer.consumes()).isEmpty();

        ClientConfig consumer = config.client("demo-consumer").orElseThrow();
        assertThat(consumer.consumes()).containsExactly("ASP.RST.VP.Invalidated", "MS.eCMND.Person.Born");
        assertThat(consumer.personalData()).containsEntry("MS.eCMND.Person.Born",
                new PersonalDataRule(List.of("$.ChildIDNP"), "Law 133/2011", "$.EventReason"));

        assertThat(config.faults()).isEqualTo(new Faults(0.1, 0.2, 3, 0.3, 0.4, Duration.ofMillis(500),
                Duration.ofSeconds(1), Duration.ofSeconds(10), 0.05, List.of(PoisonKind.NOT_JSON, PoisonKind.MISSING_ID)));
    }

    @Test
    void keysLeftOutTakeTheDocumentedDefaults() throws IOException {
        EmulatorConfig config = ConfigLoader.load(write("minimal.yaml", VALID_CLIENT));

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8443);
        assertThat(config.adminHost()).as("the admin API has no authentication").isEqualTo("127.0.0.1");
        assertThat(config.adminPort()).isEqualTo(8081);
        assertThat(config.serverNames()).containsExactly("localhost", "127.0.0.1", "::1");
        assertThat(config.certs()).isEqualTo(folder.toAbsolutePath().resolve("certs"));
        assertThat(config.keyStorePassword()).isEqualTo("changeit");
        assertThat(config.partitions()).isEqualTo(12);
        assertThat(config.retention()).isEqualTo(Duration.ofHours(120));
        assertThat(config.unconfirmedWindow()).isEqualTo(1000);
        assertThat(config.pollTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.instanceExpiry()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.maxEventSize()).isEqualTo(64 * 1024);
        assertThat(config.maxRequestSize()).isEqualTo(1024 * 1024);
        assertThat(config.faults()).isEqualTo(Faults.NONE);
    }

    @Test
    void personalDataMayNameSeveralSubjects() throws IOException {
        EmulatorConfig config = ConfigLoader.load(write("subjects.yaml", """
                clients:
                  - name: registry
                    consumes: [ MS.eCMND.Person.Born ]
                    personalData:
                      MS.eCMND.Person.Born:
                        subject: [ "$.ChildIDNP", "$.Parents[*].IDNP" ]
                        legalBasis: "Law 133/2011"
                """));

        assertThat(config.client("registry").orElseThrow().personalData().get("MS.eCMND.Person.Born").subjects())
                .containsExactly("$.ChildIDNP", "$.Parents[*].IDNP");
    }

    @Test
    void theBuiltInDemoConfigurationLoads() {
        EmulatorConfig demo = ConfigLoader.demo();

        assertThat(demo.clients()).extracting(ClientConfig::name).containsExactly("demo-producer", "demo-consumer");
        assertThat(demo.port()).isEqualTo(8443);
    }

    static Stream<Arguments> wrongConfigurations() {
        return Stream.of(
                arguments("an unknown key", "porrt: 8443\n" + VALID_CLIENT, "porrt", "unknown key"),
                arguments("an unknown client key", """
                        clients:
                          - name: demo-producer
                            produce: [ ]
                        """, "clients[0].produce", "unknown key"),
                arguments("a duration that is not ISO-8601", "retention: 5 days\n" + VALID_CLIENT,
                        "retention", "'5 days' is not an ISO-8601 duration"),
                arguments("a negative duration", "pollTimeout: -PT1S\n" + VALID_CLIENT,
                        "pollTimeout", "must not be negative"),
                arguments("a port out of range", "port: 70000\n" + VALID_CLIENT,
                        "port", "70000 is not a port number"),
                arguments("a port that is not a number", "adminPort: http\n" + VALID_CLIENT,
                        "adminPort", "expected a whole number"),
                arguments("a server name that is neither a DNS name nor an IP address",
                        "serverNames: [ localhost, \"mconnect emulator\" ]\n" + VALID_CLIENT, "serverNames",
                        "'mconnect emulator' is neither a DNS name nor an IP address"),
                arguments("no server name at all", "serverNames: [ ]\n" + VALID_CLIENT, "serverNames",
                        "at least one name"),
                arguments("zero partitions", "partitions: 0\n" + VALID_CLIENT, "partitions", "must be positive"),
                arguments("a client without a name", """
                        clients:
                          - idno: "1003600000001"
                        """, "clients[0].name", "is required"),
                arguments("a client name that cannot name a certificate", """
                        clients:
                          - name: demo producer
                        """, "clients[0].name", "not a usable certificate name"),
                arguments("the same client twice", """
                        clients:
                          - name: demo-producer
                          - name: demo-producer
                        """, "clients[1].name", "configured twice"),
                arguments("a produced type without sources", """
                        clients:
                          - name: demo-producer
                            produces:
                              - type: ASP.RST.VP.Invalidated
                        """, "clients[0].produces[0].sources", "at least one source"),
                arguments("a schema file that does not exist", """
                        clients:
                          - name: demo-producer
                            produces:
                              - type: ASP.RST.VP.Invalidated
                                sources: [ "urn:asp" ]
                                schema: schemas/missing.json
                        """, "clients[0].produces[0].schema", "missing.json does not exist"),
                arguments("personal data without a subject", """
                        clients:
                          - name: demo-consumer
                            consumes: [ MS.eCMND.Person.Born ]
                            personalData:
                              MS.eCMND.Person.Born: { legalBasis: "Law 133/2011" }
                        """, "clients[0].personalData.MS.eCMND.Person.Born.subject",
                        "a JSON path to the data subject is required"),
                arguments("a subject that is not a JSON path", """
                        clients:
                          - name: demo-consumer
                            consumes: [ MS.eCMND.Person.Born ]
                            personalData:
                              MS.eCMND.Person.Born: { subject: "ChildIDNP" }
                        """, "clients[0].personalData.MS.eCMND.Person.Born.subject", "must start with $"),
                arguments("a legal reason path that does not parse", """
                        clients:
                          - name: demo-consumer
                            consumes: [ MS.eCMND.Person.Born ]
                            personalData:
                              MS.eCMND.Person.Born: { subject: "$.ChildIDNP", legalReason: "$.Reasons[first]" }
                        """, "clients[0].personalData.MS.eCMND.Person.Born.legalReason",
                        "JSON path $.Reasons[first] is not valid"),
                arguments("a fault rate over 1", "faults: { produceFailRate: 2 }\n" + VALID_CLIENT,
                        "faults.produceFailRate", "between 0 and 1"),
                arguments("an unknown fault", "faults: { produceFailRat: 0.5 }\n" + VALID_CLIENT,
                        "faults.produceFailRat", "unknown key"),
                arguments("an unknown poison kind", "faults: { poisonKinds: [ not-json, rotten ] }\n" + VALID_CLIENT,
                        "faults.poisonKinds", "'rotten' is not a poison kind"),
                arguments("clients that are not a list", "clients: demo-producer\n", "clients", "expected a list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongConfigurations")
    void aWrongConfigurationNamesTheFileTheKeyAndTheProblem(String mistake, String yaml, String key, String problem)
            throws IOException {
        Path file = write("wrong.yaml", yaml);

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": " + key + ": ")
                .hasMessageContaining(problem);
    }

    @Test
    void aDocumentThatIsNotAMappingIsRefused() throws IOException {
        Path file = write("list.yaml", "- port: 8443\n");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": the document: expected a mapping");
    }

    @Test
    void yamlThatDoesNotParseIsRefused() throws IOException {
        Path file = write("broken.yaml", "port: [8443\n");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": not readable as YAML");
    }

    @Test
    void aMissingFileIsRefused() {
        Path file = folder.resolve("nowhere.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": no such configuration file");
    }

    @Test
    void faultsOfTheAdminApiAreReadWithTheSameRules() {
        assertThat(ConfigLoader.faultsFrom("{\"produceFailRate\": 1.0, \"responseDelay\": \"PT0.2S\"}", "PUT"))
                .isEqualTo(Faults.builder().produceFailRate(1.0).responseDelay(Duration.ofMillis(200)).build());
        assertThatThrownBy(() -> ConfigLoader.faultsFrom("{\"responseDelay\": \"soon\"}", "PUT /emulator/faults"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PUT /emulator/faults: faults.responseDelay: ");
    }

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(folder.resolve(name), yaml);
    }
}
