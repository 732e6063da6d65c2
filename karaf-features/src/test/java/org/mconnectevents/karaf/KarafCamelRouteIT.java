package org.mconnectevents.karaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.Emulator;
import org.mconnectevents.karaf.ManifestHeaders.PackageClause;
import org.mconnectevents.karaf.camel.EventRoutesActivator;

/**
 * Runs Camel routes on our component inside a real Apache Karaf 4.4.8, against an emulator started by the test:
 * one route produces {@value #EVENTS} events, the other consumes them as group {@code karaf}; the emulator's
 * inspection API then shows them stored and confirmed.
 *
 * <p>The Camel here is a bundle the test builds ({@link TestCamelBundle}: the plain Camel jars of the release Camel
 * Karaf repackages, and {@link EventRoutesActivator}), not Camel Karaf, whose bundles are not available to this
 * build. So this proves our bundle's OSGi wiring (Vert.x, Netty, Jackson and CloudEvents from
 * {@code mconnect-events-libraries}, Camel's packages at 4.10.7) and our code running in Karaf, over mutual TLS;
 * it does not prove Camel Karaf's features ({@code camel-core}, {@code camel-mconnect-events}) or
 * {@code camel-core-osgi}'s discovery of components.
 */
class KarafCamelRouteIT {

    private static final Path WORK_DIRECTORY = Path.of(KarafBuild.property("karaf.work.directory"))
            .resolveSibling("karaf-camel-route");
    private static final int EVENTS = 20;
    private static final String CLIENT = "registry";
    private static final String SOURCE = "urn:test:registry";
    private static final String TYPE = "MCE.Test.Order.Created";
    private static final String FEATURE = "camel-mconnect-events-on-test-camel";
    private static final String OUR_BUNDLE = "org.mconnectevents.camel-mconnect-events";

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
        Path camelBundle = TestCamelBundle.build(Path.of(KarafBuild.property("test.camel.jars")),
                KarafBuild.property("camel-karaf.version"), Path.of(KarafBuild.property("test.classes")),
                routeSettings(), WORK_DIRECTORY.resolve("test-camel.jar"));
        karaf.awaitBooted(Duration.ofSeconds(120));

        karaf.addCamelKarafAndOurFeatures();
        karaf.shell("feature:repo-add " + writeFeature(camelBundle).toUri());
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
    void ourBundleAndTheTestCamelBundleAreActive() throws Exception {
        List<List<String>> bundles = ShellTable.rows(karaf.shell("bundle:list -t 0 -s --no-format"));

        for (String symbolicName : List.of(OUR_BUNDLE, TestCamelBundle.SYMBOLIC_NAME)) {
            assertThat(bundles).as("bundles").anySatisfy(row -> assertThat(List.of(row.get(4), row.get(1)))
                    .containsExactly(symbolicName, "Active"));
        }
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
        return settings;
    }

    /**
     * A features repository with one feature: {@code camel-mconnect-events} as ours defines it, with the test Camel
     * bundle in place of Camel Karaf's {@code camel-core}, and our component bundle as the build made it (the client
 * comes with our feature {@code mconnect-events-client}).
     */
    private static Path writeFeature(Path camelBundle) throws IOException {
        Path ourBundle = OurBundle.COMPONENT.jar();
        Path file = WORK_DIRECTORY.resolve("test-camel-features.xml");
        Files.writeString(file, String.join("\n",
                "<features name=\"mconnect-events-on-test-camel\" xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">",
                "  <feature name=\"" + FEATURE + "\" version=\"1.0.0\">",
                "    <feature>mconnect-events-client</feature>",
                "    <bundle>" + camelBundle.toUri() + "</bundle>",
                "    <bundle>" + ourBundle.toUri() + "</bundle>",
                "  </feature>",
                "</features>",
                ""));
        return file;
    }
}
