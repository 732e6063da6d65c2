package org.mconnectevents.camel.quarkus.deployment;

import org.junit.jupiter.api.Test;
import org.mconnectevents.emulator.config.ClientConfig;
import org.mconnectevents.emulator.config.ProducedType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which emulator Dev Services plan from the configuration, and which client the application plays in it. */
class EmulatorPlanTest {

    private static final String TYPE = "EXAMPLE.Orders.Order.Created";

    @Test
    void withoutClientsOneClientNamedAfterTheApplicationProducesAndConsumesTheInferredTypes() {
        EmulatorPlan plan = EmulatorPlan.of(devServices(Map.of(), Optional.empty(), Optional.empty()), "shop",
                List.of(new ProducedEventType("urn:example:orders", TYPE), new ProducedEventType("urn:example:returns", TYPE)));

        assertThat(plan.client()).isEqualTo("shop");
        ClientConfig client = plan.config().client("shop").orElseThrow();
        assertThat(client.produces()).containsExactly(new ProducedType(TYPE, List.of("urn:example:orders", "urn:example:returns"), null));
        assertThat(client.consumes()).containsExactly(TYPE);
        assertThat(plan.config().port()).isZero();
    }

    @Test
    void configuredClientsReplaceTheInferredOneAndConsumeWhatTheyProduceByDefault() {
        Map<String, MConnectEventsBuildTimeConfig.Client> clients = new LinkedHashMap<>();
        clients.put("orders", client(Map.of(TYPE, List.of("urn:example:orders")), Optional.empty()));
        clients.put("audit", client(Map.of(), Optional.of(List.of(TYPE))));

        EmulatorPlan plan = EmulatorPlan.of(devServices(clients, Optional.of("orders"), Optional.empty()), "shop",
                List.of(new ProducedEventType("urn:example:ignored", "EXAMPLE.Ignored.Thing.Done")));

        assertThat(plan.client()).isEqualTo("orders");
        assertThat(plan.config().clients()).extracting(ClientConfig::name).containsExactly("orders", "audit");
        assertThat(plan.config().client("orders").orElseThrow().consumes()).containsExactly(TYPE);
        assertThat(plan.config().client("audit").orElseThrow().consumes()).containsExactly(TYPE);
    }

    @Test
    void severalClientsWithoutTheApplicationsOneAreRefusedNamingTheKeyToSet() {
        Map<String, MConnectEventsBuildTimeConfig.Client> clients = new LinkedHashMap<>();
        clients.put("orders", client(Map.of(TYPE, List.of("urn:example:orders")), Optional.empty()));
        clients.put("audit", client(Map.of(), Optional.of(List.of(TYPE))));

        assertThatThrownBy(() -> EmulatorPlan.of(devServices(clients, Optional.empty(), Optional.empty()), null, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quarkus.mconnect-events.devservices.client")
                .hasMessageContaining("[orders, audit]");
    }

    @Test
    void aClientNotInTheEmulatorIsRefusedNamingTheClientsItHas() {
        assertThatThrownBy(() -> EmulatorPlan.of(devServices(Map.of(), Optional.of("billing"), Optional.empty()), "shop", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("billing")
                .hasMessageContaining("[shop]");
    }

    @Test
    void anEmulatorFileGivesTheClientsAndDevServicesGiveThePorts() throws Exception {
        Path file = Files.createTempFile("emulator", ".yaml");
        try {
            Files.writeString(file, """
                    port: 8443
                    adminPort: 8081
                    clients:
                      - name: civil-registry
                        idno: "1003600000200"
                        produces:
                          - type: EXAMPLE.CivilRegistry.Citizen.Registered
                            sources: [ "urn:example:civil-registry" ]
                        consumes: [ EXAMPLE.CivilRegistry.Citizen.Registered ]
                    """);

            EmulatorPlan plan = EmulatorPlan.of(devServices(Map.of(), Optional.empty(), Optional.of(file.toString())), "shop", List.of());

            assertThat(plan.client()).isEqualTo("civil-registry");
            assertThat(plan.config().port()).isZero();
            assertThat(plan.config().adminPort()).isZero();
        } finally {
            Files.delete(file);
        }
    }

    private static MConnectEventsBuildTimeConfig.DevServices devServices(Map<String, MConnectEventsBuildTimeConfig.Client> clients,
                                                                         Optional<String> client, Optional<String> configFile) {
        return new MConnectEventsBuildTimeConfig.DevServices() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Optional<String> configFile() {
                return configFile;
            }

            @Override
            public Optional<String> client() {
                return client;
            }

            @Override
            public int port() {
                return 0;
            }

            @Override
            public int adminPort() {
                return 0;
            }

            @Override
            public Map<String, MConnectEventsBuildTimeConfig.Client> clients() {
                return clients;
            }
        };
    }

    private static MConnectEventsBuildTimeConfig.Client client(Map<String, List<String>> produces, Optional<List<String>> consumes) {
        return new MConnectEventsBuildTimeConfig.Client() {
            @Override
            public String idno() {
                return "1003600000000";
            }

            @Override
            public Map<String, List<String>> produces() {
                return produces;
            }

            @Override
            public Optional<List<String>> consumes() {
                return consumes;
            }
        };
    }
}
