package org.mconnectevents.camel.quarkus.deployment;

import io.quarkus.deployment.IsDevServicesSupportedByLaunchMode;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ApplicationArchivesBuildItem;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.builditem.HotDeploymentWatchedFileBuildItem;
import io.quarkus.deployment.dev.devservices.DevServicesConfig;
import io.quarkus.paths.PathVisit;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Dev Services: in dev and test mode, when the application does not say which MConnect Events to talk to
 * ({@code camel.component.mconnect-events.base-address} unset), an emulator is started in the application's JVM and
 * the component gets its address, the application client's key store and password, and the emulator's CA as trust; its admin API's address is {@value #ADMIN_ADDRESS}.
 * Never in production mode ({@link IsDevServicesSupportedByLaunchMode}); off with
 * {@code quarkus.mconnect-events.devservices.enabled=false} or {@code quarkus.devservices.enabled=false}.
 * <p>
 * In the JVM rather than as a child process: the emulator is a Java library with an embeddable API, so it starts in
 * about a second with nothing to install or find (no container runtime, no java executable, no jar path), its free
 * ports and minted certificates are known as soon as it has started, and Quarkus closes it with the application.
 * It runs on a Vert.x instance of its own, in Quarkus's build class loader, never in the application's.
 */
class MConnectEventsDevServicesProcessor {

    static final String PREFIX = "camel.component.mconnect-events.";
    static final String BASE_ADDRESS = PREFIX + "base-address";
    static final String KEY_STORE = PREFIX + "key-store";
    static final String KEY_STORE_PASSWORD = PREFIX + "key-store-password";
    static final String TRUST_STORE = PREFIX + "trust-store";
    /**
     * The emulator's admin API, for the application's tests (state, dead events, personal-data log, faults); not a
     * {@code quarkus.} key, so that Quarkus does not warn about a key no extension declares.
     */
    static final String ADMIN_ADDRESS = "mconnect-events.devservices.admin-address";

    private static final Logger LOG = Logger.getLogger(MConnectEventsDevServicesProcessor.class);
    private static final List<String> ROUTE_RESOURCE_SUFFIXES = List.of(".yaml", ".yml", ".xml");

    @BuildStep(onlyIf = {IsDevServicesSupportedByLaunchMode.class, DevServicesConfig.Enabled.class})
    void startEmulator(MConnectEventsBuildTimeConfig config, ApplicationArchivesBuildItem archives,
                       BuildProducer<DevServicesResultBuildItem> devServices) {
        Config applicationConfig = ConfigProvider.getConfig();
        if (!config.devservices().enabled()) {
            LOG.debug("Dev Services for MConnect Events are off (quarkus.mconnect-events.devservices.enabled=false)");
            return;
        }
        if (value(applicationConfig, BASE_ADDRESS).isPresent()) {
            LOG.debugf("Dev Services for MConnect Events not started: %s is set", BASE_ADDRESS);
            return;
        }
        EmulatorPlan plan = EmulatorPlan.of(config.devservices(),
                value(applicationConfig, "quarkus.application.name").orElse(null),
                needsInference(config) ? inferProducedTypes(applicationConfig, archives) : List.of());
        devServices.produce(DevServicesResultBuildItem.owned()
                .feature(MConnectEventsProcessor.FEATURE)
                .description("MConnect Events emulator")
                .serviceConfig(plan)
                .startable(() -> new EmulatorDevService(plan))
                .postStartHook(MConnectEventsDevServicesProcessor::logStarted)
                .configProvider(Map.<String, Function<EmulatorDevService, String>>of(
                        BASE_ADDRESS, EmulatorDevService::baseAddress,
                        KEY_STORE, EmulatorDevService::keyStore,
                        KEY_STORE_PASSWORD, EmulatorDevService::keyStorePassword,
                        TRUST_STORE, EmulatorDevService::trustStore,
                        ADMIN_ADDRESS, EmulatorDevService::adminAddress))
                .build());
    }

    /** In dev mode, editing the emulator's configuration file restarts the emulator with it (on the next reload). */
    @BuildStep(onlyIf = {IsDevServicesSupportedByLaunchMode.class, DevServicesConfig.Enabled.class})
    void watchEmulatorFile(MConnectEventsBuildTimeConfig config, BuildProducer<HotDeploymentWatchedFileBuildItem> watched) {
        config.devservices().configFile().ifPresent(file -> watched.produce(new HotDeploymentWatchedFileBuildItem(file)));
    }

    private static void logStarted(EmulatorDevService emulator) {
        LOG.infof("Dev Services for MConnect Events started an emulator at %s as client %s; its admin API is at %s",
                emulator.baseAddress(), emulator.client(), emulator.adminAddress());
    }

    private static boolean needsInference(MConnectEventsBuildTimeConfig config) {
        return config.devservices().configFile().isEmpty() && config.devservices().clients().isEmpty();
    }

    /** The event types the application's routes and component options say it produces. */
    static Collection<ProducedEventType> inferProducedTypes(Config applicationConfig, ApplicationArchivesBuildItem archives) {
        RouteEndpointScanner scanner = new RouteEndpointScanner(key -> value(applicationConfig, key),
                value(applicationConfig, PREFIX + "source").orElse(null), value(applicationConfig, PREFIX + "type").orElse(null));
        archives.getRootArchive().accept(tree -> tree.walk(visit -> scan(scanner, visit)));
        Collection<ProducedEventType> produced = scanner.producedTypes();
        if (produced.isEmpty()) {
            LOG.warnf("Dev Services for MConnect Events found no event type the application produces (no %s and %s, "
                    + "no mconnect-events: URI with source and type): its emulator client may produce nothing; name its "
                    + "types in quarkus.mconnect-events.devservices.clients", PREFIX + "source", PREFIX + "type");
        }
        return produced;
    }

    private static void scan(RouteEndpointScanner scanner, PathVisit visit) {
        String name = visit.getRelativePath("/");
        try {
            if (name.endsWith(".class")) {
                scanner.scanClass(Files.readAllBytes(visit.getPath()));
            } else if (ROUTE_RESOURCE_SUFFIXES.stream().anyMatch(name::endsWith) && !name.startsWith("META-INF/")) {
                scanner.scanText(Files.readString(visit.getPath(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name + " of the application to find its event types", e);
        }
    }

    private static Optional<String> value(Config config, String key) {
        return config.getOptionalValue(key, String.class).filter(text -> !text.isBlank());
    }
}
