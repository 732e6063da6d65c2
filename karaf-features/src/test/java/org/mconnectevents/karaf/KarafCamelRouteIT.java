package org.mconnectevents.karaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.karaf.core.Activator;
import org.apache.camel.karaf.core.OsgiComponentResolver;
import org.apache.camel.karaf.core.OsgiDefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.camel.MConnectEventsComponent;
import org.mconnectevents.camel.MConnectEventsComponentConfigurer;
import org.mconnectevents.camel.MConnectEventsEndpointConfigurer;
import org.mconnectevents.camel.MConnectEventsEndpointUriFactory;
import org.mconnectevents.emulator.Emulator;
import org.mconnectevents.karaf.ManifestHeaders.PackageClause;

/**
 * Runs Camel routes on our component inside a real Apache Karaf 4.4.8, against an emulator started by the test:
 * one route produces {@value #EVENTS} events, the other consumes them as group {@code karaf}; the emulator's
 * inspection API then shows them stored and confirmed.
 *
 * <p>Camel's discovery is Camel Karaf's own: its {@code camel-core-osgi} bundle (the activator that tracks bundles and
 * registers their components, languages and type converters, and the OSGi Camel context) is installed as Camel
 * Karaf's {@code camel-core} feature installs it, and the routes' bundle ({@link EventRoutesBundle}) makes its context
 * with it and adds no component by hand, nor imports our packages. The checks show Camel found our component, its
 * generated configurers and URI factory in our bundle, and set every endpoint option without reflection.
 *
 * <p>The rest of Camel Karaf's bundles are not available to this build: Camel's core is one bundle built from the
 * plain jars of the release Camel Karaf repackages ({@link TestCamelBundle}), and the components and languages the
 * routes use are those plain jars wrapped, one bundle each. So this also proves our bundle's OSGi wiring (Vert.x,
 * Netty, Jackson and CloudEvents from {@code mconnect-events-libraries}, Camel's packages at 4.10.7) and our code
 * running in Karaf over mutual TLS; it does not install Camel Karaf's {@code camel-core} feature, nor our
 * {@code camel-mconnect-events} feature as a whole.
 */
class KarafCamelRouteIT {

    private static final Path WORK_DIRECTORY = Path.of(KarafBuild.property("karaf.work.directory"))
            .resolveSibling("karaf-camel-route");
    private static final int EVENTS = 20;
    private static final String CLIENT = "registry";
    private static final String SOURCE = "urn:test:registry";
    private static final String TYPE = "MCE.Test.Order.Created";
    private static final String FEATURE = "camel-mconnect-events-on-test-camel";
    private static final String OUR_BUNDLE = OurBundle.COMPONENT.symbolicName();
    private static final String CAMEL_VERSION = KarafBuild.property("camel-karaf.version");
    private static final String CAMEL_CORE_OSGI = "camel-core-osgi";
    /** Camel's languages and components the routes use, plain jars wrapped one bundle each, as Camel Karaf has them. */
    private static final List<String> CAMEL_EXTENSIONS = List.of("camel-core-languages", "camel-timer", "camel-log");
    /**
     * The routes' bundle starts after every other bundle of the feature (Karaf starts bundles by start level, and
     * the default is 80): its context resolves the component when it starts, and only an active bundle is discovered.
     */
    private static final int ROUTES_START_LEVEL = 90;
    private static final Path DISCOVERY_REPORT = WORK_DIRECTORY.resolve("discovery.properties");

    @RegisterExtension
    static final KarafLogsOnFailure LOGS_ON_FAILURE = new KarafLogsOnFailure(WORK_DIRECTORY);

    private static Emulator emulator;
    private static KarafInstance karaf;

    @BeforeAll
    static void startEmulatorAndRoutesInKaraf() throws Exception {
        emulator = Emulator.builder().configYaml(String.join("\n",
                "clients:",
                "  - name: " + CLIENT,
                "    idno: \"1003600000010\"",
                "    produces:",
                "      - type: " + TYPE,
                "        sources: [ \"" + SOURCE + "\" ]",
                "    consumes: [ " + TYPE + " ]",
                "")).start();
        karaf = KarafInstance.startFromTheBuild(WORK_DIRECTORY);
        Path camelCore = TestCamelBundle.build(Path.of(KarafBuild.property("test.camel.jars")), CAMEL_VERSION,
                WORK_DIRECTORY.resolve("test-camel.jar"));
        Path routes = EventRoutesBundle.build(Path.of(KarafBuild.property("test.classes")), routeSettings(),
                WORK_DIRECTORY.resolve("event-routes.jar"));
        karaf.awaitBooted(Duration.ofSeconds(120));

        karaf.addCamelKarafAndOurFeatures();
        karaf.shell("feature:repo-add " + writeFeature(camelCore, routes).toUri());
        karaf.shell("feature:install " + FEATURE);
    }

    @AfterAll
    static void stopKarafThenEmulator() {
        try {
            if (karaf != null) {
                karaf.close();
            }
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    @Test
    void theEventsProducedInKarafAreStoredAndConfirmedByTheGroupConsumingInKaraf() {
        await("the events of the routes in Karaf, stored and confirmed by group karaf")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode state = emulator.state();
                    JsonNode client = state.path("clients").path(CLIENT);
                    assertThat(state.path("produced").asInt()).as("produced").isEqualTo(EVENTS);
                    assertThat(client.path("stored").asInt()).as("stored for " + CLIENT).isEqualTo(EVENTS);
                    assertThat(client.path("groups").path("karaf").path("confirmed").asInt())
                            .as("confirmed by group karaf").isEqualTo(EVENTS);
                });
    }

    @Test
    void everyBundleOfTheFeatureIsActive() throws Exception {
        List<List<String>> bundles = ShellTable.rows(karaf.shell("bundle:list -t 0 -s --no-format"));
        List<String> symbolicNames = new ArrayList<>(List.of(TestCamelBundle.SYMBOLIC_NAME, CAMEL_CORE_OSGI,
                EventRoutesBundle.SYMBOLIC_NAME));
        CAMEL_EXTENSIONS.forEach(artifact -> symbolicNames.add(wrappedSymbolicName(artifact)));
        ourBundles().forEach(bundle -> symbolicNames.add(
                ManifestHeaders.header(ManifestHeaders.manifestOf(bundle), "Bundle-SymbolicName")));

        for (String symbolicName : symbolicNames) {
            assertThat(bundles).as("bundles").anySatisfy(row -> assertThat(List.of(row.get(4), row.get(1)))
                    .containsExactly(symbolicName, "Active"));
        }
    }

    @Test
    void camelKarafFindsTheComponentItsGeneratedConfigurersAndItsUriFactoryInOurBundle() {
        Properties report = discoveryReport();

        assertThat(report).as("what the routes' Camel context found for mconnect-events").contains(
                entry("component.class", MConnectEventsComponent.class.getName()),
                entry("component.bundle", OUR_BUNDLE),
                entry("componentResolver.class", OsgiComponentResolver.class.getName()),
                entry("componentResolver.bundle", CAMEL_CORE_OSGI),
                entry("componentResolverService.class", Activator.class.getName() + "$BundleComponentResolver"),
                entry("componentResolverService.bundle", OUR_BUNDLE),
                entry("componentConfigurer.class", MConnectEventsComponentConfigurer.class.getName()),
                entry("componentConfigurer.bundle", OUR_BUNDLE),
                entry("endpointConfigurer.class", MConnectEventsEndpointConfigurer.class.getName()),
                entry("endpointConfigurer.bundle", OUR_BUNDLE),
                entry("uriFactory.class", MConnectEventsEndpointUriFactory.class.getName()),
                entry("uriFactory.bundle", OUR_BUNDLE));
    }

    /**
     * Camel sets an endpoint option through the component's generated configurer, and falls back to reflection (its
     * bean introspection, which counts every call) for an option no configurer serves: the count stays at zero only if
     * every option of every endpoint of the routes ({@code group}, the connection options, the timer's and the log's)
     * went through a configurer. One option that only reflection reaches on our endpoint
     * ({@code pollingConsumerQueueSize}) makes it 1.
     */
    @Test
    void everyEndpointOptionIsSetThroughAGeneratedConfigurerNotByReflection() {
        assertThat(discoveryReport()).as("Camel's bean introspection calls while the routes started")
                .containsEntry("reflectiveCalls", "0");
    }

    /** The routes' bundle reaches our component only through Camel: it is wired to none of our packages. */
    @Test
    void theRoutesBundleTakesCamelKarafsContextAndNothingFromOurBundle() throws Exception {
        Map<String, String> providers = packageProviders(
                karaf.shell("bundle:requirements " + EventRoutesBundle.SYMBOLIC_NAME));

        assertThat(providers).as("the bundles the routes' bundle's packages are wired to")
                .containsEntry(OsgiDefaultCamelContext.class.getPackageName(), CAMEL_CORE_OSGI)
                .doesNotContainValue(OUR_BUNDLE);
    }

    @Test
    void ourBundleTakesCamelFromTheTestBundleAndItsLibrariesFromOurFeature() throws Exception {
        Map<String, String> providers = packageProviders(karaf.shell("bundle:requirements " + OUR_BUNDLE));
        Manifest manifest = ManifestHeaders.manifestOf(OurBundle.COMPONENT.jar());
        Set<String> own = ManifestHeaders.exportedPackages(manifest);

        assertThat(providers).as("the bundles our bundle's packages are wired to")
                .containsKeys(ManifestHeaders.imports(manifest).stream()
                        .filter(imported -> !imported.optional() && !own.contains(imported.packageName()))
                        .map(PackageClause::packageName)
                        .toArray(String[]::new));
        providers.forEach((packageName, provider) -> {
            if (packageName.startsWith("org.apache.camel")) {
                assertThat(provider).as(packageName).isEqualTo(TestCamelBundle.SYMBOLIC_NAME);
            } else if (packageName.startsWith("io.vertx")) {
                assertThat(provider).as(packageName).isEqualTo("wrap_io.vertx.vertx-core");
            } else if (packageName.startsWith("io.cloudevents")) {
                assertThat(provider).as(packageName).startsWith("wrap_io.cloudevents.");
            } else if (packageName.startsWith("com.fasterxml.jackson")) {
                assertThat(provider).as(packageName).matches("(wrap_)?com\\.fasterxml\\.jackson\\.core\\..+");
            }
        });
    }

    /** The symbolic name of the bundle each package is wired from, read from {@code bundle:requirements}. */
    private static Map<String, String> packageProviders(String requirements) {
        Map<String, String> providers = new HashMap<>();
        Matcher wire = Pattern.compile("(?m)^\\s+osgi\\.wiring\\.package; (\\S+) \\S+ from (\\S+) \\[\\d+\\]$")
                .matcher(requirements);
        while (wire.find()) {
            providers.put(wire.group(1), wire.group(2));
        }
        return providers;
    }

    /** The emulator client the routes act as, and what they produce. */
    private static Properties routeSettings() {
        Properties settings = new Properties();
        settings.setProperty("baseAddress", emulator.baseAddress().toString());
        settings.setProperty("keyStore", emulator.clientKeyStore(CLIENT).toString());
        settings.setProperty("keyStorePassword", emulator.keyStorePassword());
        settings.setProperty("trustStore", emulator.trustedCertificate().toString());
        settings.setProperty("source", SOURCE);
        settings.setProperty("type", TYPE);
        settings.setProperty("count", Integer.toString(EVENTS));
        settings.setProperty("report", DISCOVERY_REPORT.toString());
        return settings;
    }

    /** The report the routes' bundle writes once its context started (see {@code DiscoveryReport}). */
    private static Properties discoveryReport() {
        await("the routes' bundle writing " + DISCOVERY_REPORT)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Files.exists(DISCOVERY_REPORT));
        Properties report = new Properties();
        try (var in = Files.newBufferedReader(DISCOVERY_REPORT)) {
            report.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return report;
    }

    /**
     * A features repository with one feature: {@code camel-mconnect-events} as ours defines it, with Camel's core
     * built by the test and Camel Karaf's {@code camel-core-osgi} in place of Camel Karaf's {@code camel-core}, our
     * bundles as the build made them, and the routes' bundle.
     */
    private static Path writeFeature(Path camelCore, Path routes) throws IOException {
        List<String> bundles = new ArrayList<>();
        bundles.add(camelCore.toUri().toString());
        bundles.add("mvn:org.apache.camel.karaf/" + CAMEL_CORE_OSGI + "/" + CAMEL_VERSION);
        CAMEL_EXTENSIONS.forEach(artifact -> bundles.add(wrapped(artifact)));
        ourBundles().forEach(bundle -> bundles.add(bundle.toUri().toString()));

        List<String> lines = new ArrayList<>(List.of(
                "<features name=\"mconnect-events-on-test-camel\" xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">",
                "  <feature name=\"" + FEATURE + "\" version=\"1.0.0\">",
                "    <feature>mconnect-events-libraries</feature>"));
        bundles.forEach(location -> lines.add("    <bundle>" + location.replace("&", "&amp;") + "</bundle>"));
        lines.add("    <bundle start-level=\"" + ROUTES_START_LEVEL + "\">" + routes.toUri() + "</bundle>");
        lines.addAll(List.of("  </feature>", "</features>", ""));
        Path file = WORK_DIRECTORY.resolve("test-camel-features.xml");
        Files.writeString(file, String.join("\n", lines));
        return file;
    }

    /**
     * Our bundles, as the reactor built them: the client and the component (the building blocks need camel-jpa, whose
     * 4.10.7 bundle is not served to this build).
     */
    private static List<Path> ourBundles() {
        return List.of(OurBundle.CLIENT.jar(), OurBundle.COMPONENT.jar());
    }

    /** A plain Camel jar wrapped as a bundle exporting its packages at the Camel version. */
    private static String wrapped(String artifact) {
        return "wrap:mvn:org.apache.camel/" + artifact + "/" + CAMEL_VERSION
                + "$Bundle-SymbolicName=" + wrappedSymbolicName(artifact) + "&Bundle-Version=" + CAMEL_VERSION
                + "&Export-Package=org.apache.camel.*;version=" + CAMEL_VERSION;
    }

    private static String wrappedSymbolicName(String artifact) {
        return "wrap_org.apache.camel." + artifact;
    }
}
