package org.mconnectevents.camel.quarkus.deployment;

import org.mconnectevents.emulator.config.ClientConfig;
import org.mconnectevents.emulator.config.ConfigLoader;
import org.mconnectevents.emulator.config.EmulatorConfig;
import org.mconnectevents.emulator.config.Faults;
import org.mconnectevents.emulator.config.ProducedType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Dev Services start: the emulator's configuration and the client whose certificate the application gets. Also
 * the identity of the service across live reloads: an equal plan keeps the running emulator, a different one restarts
 * it.
 *
 * @param config the emulator's configuration (ports as configured, 0 for free ones)
 * @param client the client the application plays
 */
record EmulatorPlan(EmulatorConfig config, String client) {

    /** The client registered when none is configured, unless the application has a name. */
    static final String DEFAULT_CLIENT = "application";
    /**
     * The password of the minted key stores: a constant, so that an unchanged configuration keeps its emulator across
     * live reloads; the key stores are in a temporary folder that lives as long as the emulator, for development only.
     */
    static final String KEY_STORE_PASSWORD = "mconnect-events-dev";
    private static final String ORIGIN = "Quarkus Dev Services of camel-quarkus-mconnect-events";

    /**
     * The plan for this configuration: the emulator file if one is given, else the configured clients, else one
     * client with the inferred types.
     *
     * @param devServices     the Dev Services configuration
     * @param applicationName {@code quarkus.application.name}, or {@code null}
     * @param inferred        the event types found in the application (used only when no client is configured)
     * @throws IllegalArgumentException when the client the application plays cannot be told
     */
    static EmulatorPlan of(MConnectEventsBuildTimeConfig.DevServices devServices, String applicationName,
                           Collection<ProducedEventType> inferred) {
        EmulatorConfig config;
        if (devServices.configFile().isPresent()) {
            config = ConfigLoader.load(Path.of(devServices.configFile().get()));
        } else {
            List<ClientConfig> clients = devServices.clients().isEmpty()
                    ? List.of(inferredClient(applicationName == null ? DEFAULT_CLIENT : applicationName, inferred))
                    : configuredClients(devServices.clients());
            config = emulatorConfig(clients);
        }
        config = config.withPort(devServices.port()).withAdminPort(devServices.adminPort());
        return new EmulatorPlan(config, applicationClient(config, devServices));
    }

    /** One client that produces the inferred types and consumes them. */
    static ClientConfig inferredClient(String name, Collection<ProducedEventType> inferred) {
        Map<String, List<String>> sourcesByType = new LinkedHashMap<>();
        for (ProducedEventType produced : inferred) {
            sourcesByType.computeIfAbsent(produced.type(), type -> new ArrayList<>()).add(produced.source());
        }
        return client(name, "1003600000000", sourcesByType, List.copyOf(sourcesByType.keySet()));
    }

    private static List<ClientConfig> configuredClients(Map<String, MConnectEventsBuildTimeConfig.Client> clients) {
        return clients.entrySet().stream()
                .map(entry -> client(entry.getKey(), entry.getValue().idno(), entry.getValue().produces(),
                        entry.getValue().consumes().orElse(List.copyOf(entry.getValue().produces().keySet()))))
                .toList();
    }

    private static ClientConfig client(String name, String idno, Map<String, List<String>> sourcesByType, List<String> consumes) {
        List<ProducedType> produces = sourcesByType.entrySet().stream()
                .map(entry -> new ProducedType(entry.getKey(), entry.getValue(), null))
                .toList();
        return new ClientConfig(name, idno, produces, consumes, Map.of());
    }

    private static EmulatorConfig emulatorConfig(List<ClientConfig> clients) {
        return new EmulatorConfig(EmulatorConfig.DEFAULT_HOST, 0, EmulatorConfig.DEFAULT_HOST, 0,
                EmulatorConfig.DEFAULT_SERVER_NAMES, null, KEY_STORE_PASSWORD, EmulatorConfig.DEFAULT_PARTITIONS,
                EmulatorConfig.DEFAULT_RETENTION, EmulatorConfig.DEFAULT_UNCONFIRMED_WINDOW,
                EmulatorConfig.DEFAULT_POLL_TIMEOUT, EmulatorConfig.DEFAULT_INSTANCE_EXPIRY,
                EmulatorConfig.DEFAULT_MAX_EVENT_SIZE, EmulatorConfig.DEFAULT_MAX_REQUEST_SIZE, clients, Faults.NONE, ORIGIN);
    }

    private static String applicationClient(EmulatorConfig config, MConnectEventsBuildTimeConfig.DevServices devServices) {
        List<String> names = config.clients().stream().map(ClientConfig::name).toList();
        if (devServices.client().isPresent()) {
            String chosen = devServices.client().get();
            if (!names.contains(chosen)) {
                throw new IllegalArgumentException("quarkus.mconnect-events.devservices.client names " + chosen
                        + ", which is not a client of the emulator (" + config.source() + "): it has " + names);
            }
            return chosen;
        }
        if (names.size() != 1) {
            throw new IllegalArgumentException("the emulator (" + config.source() + ") has " + names.size()
                    + " clients " + names + ": set quarkus.mconnect-events.devservices.client to the one the application plays");
        }
        return names.get(0);
    }
}
