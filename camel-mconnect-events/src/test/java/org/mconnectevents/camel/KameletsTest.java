package org.mconnectevents.camel;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.RegistryConsumption;
import org.mconnectevents.client.MConnectEventsConfigurationException;
import org.mconnectevents.emulator.Emulator;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.REGISTRY;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * The Kamelets of the jar, {@code mconnect-events-source} and {@code mconnect-events-sink}, used from YAML routes as
 * the documentation shows them, against the emulator. The component itself is not configured: the address and the
 * certificate reach it only through the Kamelets' properties.
 */
class KameletsTest extends CamelTestSupport {

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withConfig(EmulatorClients.CONFIG);

    private static final Path DOCUMENTATION = Path.of("src/main/docs/mconnect-events-component.adoc");


    @Override
    protected CamelContext createCamelContext() throws Exception {
        Emulator emulator = EMULATOR.emulator();
        emulator.reset();
        CamelContext context = super.createCamelContext();
        // what an integrator's application.properties would hold
        Properties properties = new Properties();
        properties.setProperty("mconnect.base-address", emulator.baseAddress().toString());
        properties.setProperty("mconnect.key-store", emulator.clientKeyStore(REGISTRY).toString());
        properties.setProperty("mconnect.key-store-password", emulator.keyStorePassword());
        properties.setProperty("mconnect.trust-store", emulator.trustedCertificate().toString());
        context.getPropertiesComponent().setOverrideProperties(properties);
        return context;
    }

    @Test
    void theDocumentedRoutesProduceThroughTheSinkAndConsumeThroughTheSource() throws Exception {
        load(documentedYaml());

        template.sendBodyAndHeader("direct:citizen-registered", "{\"citizen\":\"c-1\"}", "citizen", "c-1");

        MockEndpoint audit = getMockEndpoint("mock:audit");
        within(60).untilAsserted(() -> assertThat(audit.getReceivedCounter()).isEqualTo(1));
        Message consumed = audit.getReceivedExchanges().get(0).getMessage();
        assertThat(consumed.getBody(String.class)).isEqualTo("{\"citizen\":\"c-1\"}");
        assertThat(consumed.getHeaders())
                .containsEntry(MConnectEventsConstants.CLOUD_EVENT_SOURCE, SOURCE)
                .containsEntry(MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED)
                .containsEntry(MConnectEventsConstants.PARTITION_KEY, "citizen:c-1");
        within(20).untilAsserted(() -> assertThat(group("civil-registry-audit").confirmed()).isEqualTo(1));
    }

    @Test
    void aRouteOnTheSourceKameletReportsAStructuralFailureDeadThroughItsDeadLetterChannel() throws Exception {
        load(documentedYaml());
        load("""
                - route:
                    id: strict-audit
                    errorHandler:
                      deadLetterChannel:
                        deadLetterUri: mconnect-events:dead
                    from:
                      uri: kamelet:mconnect-events-source
                      parameters:
                        baseAddress: "{{mconnect.base-address}}"
                        keyStore: "{{mconnect.key-store}}"
                        keyStorePassword: "{{mconnect.key-store-password}}"
                        trustStore: "{{mconnect.trust-store}}"
                        group: strict-audit
                      steps:
                        - throwException:
                            exceptionType: java.lang.IllegalArgumentException
                            message: the registration names no district
                """);

        template.sendBodyAndHeader("direct:citizen-registered", "{\"citizen\":\"c-2\"}", "citizen", "c-2");

        within(60).untilAsserted(() -> assertThat(group("strict-audit").confirmed()).isEqualTo(1));
        JsonNode dead = EMULATOR.emulator().deadEvents(REGISTRY);
        assertThat(dead).singleElement().satisfies(event -> assertThat(event.path(MConnectEventsConstants.DEAD_REASON_ATTRIBUTE).asText())
                .isEqualTo("java.lang.IllegalArgumentException: the registration names no district"));
    }

    @Test
    void aPropertyLeftOutIsNotPassedToTheComponentEmpty() throws Exception {
        load(documentedYaml().lines().filter(line -> !line.contains("trustStore")).collect(Collectors.joining("\n")));

        Exchange sent = template.send("direct:citizen-registered", exchange -> exchange.getMessage().setBody("{\"citizen\":\"c-3\"}"));

        // without the emulator's CA, the JVM's default trust applies: the handshake fails on trust, not on a file named ""
        assertThat(sent.getException()).isInstanceOf(MConnectEventsConfigurationException.class);
        assertThat(((MConnectEventsConfigurationException) sent.getException()).getProblem())
                .isEqualTo(MConnectEventsConfigurationException.Problem.UNTRUSTED_SERVER_CERTIFICATE);
    }

    @Test
    void theReadmeShowsTheDocumentedYaml() throws IOException {
        assertThat(Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8)).contains(documentedYaml());
    }

    /** The YAML of the documentation's Kamelets section. */
    private static String documentedYaml() throws IOException {
        String documentation = Files.readString(DOCUMENTATION, StandardCharsets.UTF_8);
        int section = documentation.indexOf("\n== Kamelets\n");
        int block = documentation.indexOf("[source,yaml]\n----\n", section);
        assertThat(section).isPositive();
        assertThat(block).isPositive();
        int start = block + "[source,yaml]\n----\n".length();
        return documentation.substring(start, documentation.indexOf("\n----\n", start));
    }

    /** Loads YAML routes, with the emulator's client in place of the example's source and type, and a mock for the bean. */
    private void load(String yaml) throws Exception {
        String routes = yaml.replace("urn:example:civil-registry", SOURCE)
                .replace("EXA.CivilRegistry.Citizen.Registered", ORDER_CREATED)
                .replace("bean:audit?method=registered", "mock:audit");
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml", routes));
    }

    private static RegistryConsumption.Group group(String name) {
        return RegistryConsumption.group(EMULATOR.emulator(), name);
    }
}
