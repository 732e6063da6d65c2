package org.mconnectevents.emulator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mconnectevents.emulator.config.ConfigException;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.Produce;
import org.mconnectevents.emulator.support.TestClient;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mconnectevents.emulator.support.CloudEventJson.event;

/**
 * Data is validated against the JSON Schema configured for its type, whichever draft the schema declares
 * (6, 7, 2019-09, 2020-12; 2020-12 without {@code $schema}): data that does not match is answered 422 with a
 * body naming the event and what does not match, and is not stored. The configuration is
 * {@code src/test/resources/schema-validation/emulator.yaml}.
 */
class SchemaValidationTest {

    private static final String SOURCE = "urn:emu:schemas";
    private static final String VALID_PERSON = "{\"idnp\":\"2001234567890\",\"age\":30}";

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR =
            MConnectEventsEmulatorExtension.withConfig(resource("schema-validation/emulator.yaml"));

    private Emulator emulator;
    private TestClient producer;

    @BeforeEach
    void startFromAnEmptyService() {
        emulator = EMULATOR.emulator();
        emulator.reset();
        producer = TestClient.of(emulator, "producer");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Draft06", "Draft07", "Draft201909", "Draft202012", "NoDraft"})
    void dataMatchingTheSchemaIsAccepted(String draft) {
        HttpResponse<String> response = Produce.event(producer, event(SOURCE, "valid", type(draft)).data(VALID_PERSON));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(produced()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Draft06", "Draft07", "Draft201909", "Draft202012", "NoDraft"})
    void dataWithoutARequiredPropertyIsRefusedWith422(String draft) {
        HttpResponse<String> response = Produce.event(producer,
                event(SOURCE, "no-idnp", type(draft)).data("{\"age\":30}"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("text/plain"));
        assertThat(response.body()).contains("source " + SOURCE, "id no-idnp",
                "does not match the schema of type " + type(draft), "idnp");
        assertThat(produced()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Draft06", "Draft07", "Draft201909", "Draft202012"})
    void dataOfTheWrongTypeIsRefusedWith422(String draft) {
        HttpResponse<String> response = Produce.event(producer,
                event(SOURCE, "age-as-text", type(draft)).data("{\"idnp\":\"2001234567890\",\"age\":\"thirty\"}"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("id age-as-text", "age", "integer");
    }

    @Test
    void dependentRequiredOfDraft2019_09IsEnforced() {
        HttpResponse<String> response = Produce.event(producer, event(SOURCE, "mother-only", type("Draft201909"))
                .data("{\"idnp\":\"2001234567890\",\"motherIdnp\":\"2001234567891\"}"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("id mother-only", "fatherIdnp");
    }

    @Test
    void prefixItemsOfDraft2020_12IsEnforced() {
        HttpResponse<String> response = Produce.event(producer, event(SOURCE, "numeric-name", type("Draft202012"))
                .data("{\"idnp\":\"2001234567890\",\"names\":[\"Ion\",7]}"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("id numeric-name", "names");
    }

    @Test
    void aSchemaWithoutDollarSchemaIsReadAsDraft2020_12() {
        HttpResponse<String> response = Produce.event(producer, event(SOURCE, "numeric-first-name", type("NoDraft"))
                .data("{\"idnp\":\"2001234567890\",\"names\":[7]}"));

        assertThat(response.statusCode()).isEqualTo(422);
    }

    @Test
    void aTypeWithoutASchemaTakesAnyData() {
        HttpResponse<String> response = Produce.event(producer,
                event(SOURCE, "anything", "EMU.Schema.None.Unchecked").data("[1,\"two\",null]"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Test
    void rawJsonDataIsValidatedToo() {
        HttpResponse<String> valid = Produce.raw(producer, Produce.rawHeaders(SOURCE, "raw-valid", type("Draft07")),
                "application/json", VALID_PERSON.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> invalid = Produce.raw(producer, Produce.rawHeaders(SOURCE, "raw-invalid",
                type("Draft07")), "application/json", "{\"age\":-1}".getBytes(StandardCharsets.UTF_8));

        assertThat(valid.statusCode()).as(valid.body()).isEqualTo(202);
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("id raw-invalid");
    }

    @Test
    void binaryDataForATypeWithASchemaIsRefusedWith422() {
        HttpResponse<String> response = Produce.raw(producer, Produce.rawHeaders(SOURCE, "bytes", type("Draft07")),
                "application/octet-stream", VALID_PERSON.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("source " + SOURCE, "id bytes",
                "has a JSON Schema, but the data is binary");
        assertThat(produced()).isZero();
    }

    @Test
    void aBatchWithOneEventThatDoesNotMatchStoresNothing() {
        HttpResponse<String> response = Produce.batch(producer,
                event(SOURCE, "first", type("Draft07")).data(VALID_PERSON),
                event(SOURCE, "second", type("Draft07")).data("{}"),
                event(SOURCE, "third", type("Draft07")).data(VALID_PERSON));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("event 1 of the batch", "id second");
        assertThat(produced()).isZero();
    }

    @Test
    void testEventsAreValidatedLikeProducedOnes() {
        HttpResponse<String> response = Produce.binary(producer, "ce/tools/consumer/test",
                Produce.rawHeaders(SOURCE, "test-invalid", type("Draft07")), "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("id test-invalid");
    }

    @Test
    void aDraft4SchemaStopsStartUp() {
        String yaml = """
                clients:
                  - name: producer
                    produces:
                      - type: EMU.Schema.Draft04.Checked
                        sources: [ "urn:emu:schemas" ]
                        schema: %s
                """.formatted(resource("schema-validation/schemas/draft-04.json"));

        assertThatThrownBy(() -> Emulator.builder().configYaml(yaml).start().close())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("inline configuration: clients[0].produces[0].schema: ")
                .hasMessageContaining("draft-04.json")
                .hasMessageContaining("draft 4 is not accepted");
    }

    @Test
    void aSchemaFileThatIsNotJsonStopsStartUp(@TempDir Path folder) throws IOException {
        Path notJson = Files.writeString(folder.resolve("person.json"), "type: object\n");
        String yaml = """
                clients:
                  - name: producer
                    produces:
                      - type: EMU.Schema.Yaml.Checked
                        sources: [ "urn:emu:schemas" ]
                        schema: %s
                """.formatted(notJson);

        assertThatThrownBy(() -> Emulator.builder().configYaml(yaml).start().close())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("inline configuration: clients[0].produces[0].schema: ")
                .hasMessageContaining("person.json is not readable JSON");
    }

    private static String type(String draft) {
        return "EMU.Schema." + draft + ".Checked";
    }

    private long produced() {
        return emulator.state().get("produced").asLong();
    }

    private static Path resource(String name) {
        try {
            return Path.of(SchemaValidationTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
