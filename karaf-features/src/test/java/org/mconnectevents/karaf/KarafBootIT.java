package org.mconnectevents.karaf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.mconnectevents.karaf.ManifestHeaders.PackageClause;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Boots a real Apache Karaf 4.4.8, adds Camel Karaf's features repository and ours, installs the client feature
 * ({@code mconnect-events-client}: our protocol client and its libraries) and our component bundle, and reads back
 * from Karaf's shell what an operator would see.
 *
 * <p>Camel Karaf's own bundles are not available to this build, so {@code camel-core} (and with it the feature
 * {@code camel-mconnect-events}) cannot be installed here. What is proved instead: every library our bundle
 * needs comes from {@code mconnect-events-client} (the client bundle and {@code mconnect-events-libraries}) and is
 * active, and our component bundle, installed on its own, waits for Camel and for nothing else.
 *
 * <p>The libraries feature holds Vert.x and Netty as dependency bundles, which Karaf installs only when a
 * bundle needs them. A test-only feature therefore states our bundle's requirements (every mandatory import but
 * Camel's, read from the built jar) on top of {@code mconnect-events-client}: Karaf's resolver has to satisfy
 * them from that feature, just as it does for our bundle in {@code camel-mconnect-events}.
 */
class KarafBootIT {

    private static final Path WORK_DIRECTORY = Path.of(KarafBuild.property("karaf.work.directory"));
    private static final String OUR_FEATURES_URL = KarafBuild.ourFeaturesFile().toUri().toString();
    private static final String REQUIREMENTS_FEATURE = "mconnect-events-libraries-as-the-bundle-requires";

    /** Every bundle that the libraries feature brings for our bundle, by symbolic name. */
    private static final List<String> LIBRARY_BUNDLES = List.of(
            "io\\.netty\\.buffer", "io\\.netty\\.codec", "io\\.netty\\.codec-http", "io\\.netty\\.common",
            "io\\.netty\\.handler", "io\\.netty\\.resolver", "io\\.netty\\.transport",
            "io\\.netty\\.transport-native-unix-common",
            // Karaf's own jackson feature (2.18.2, plain bundles) or Camel Karaf's (2.18.4, jackson-core wrapped)
            "com\\.fasterxml\\.jackson\\.core\\.jackson-databind", "(wrap_)?com\\.fasterxml\\.jackson\\.core\\.jackson-core",
            "com\\.fasterxml\\.jackson\\.core\\.jackson-annotations",
            "wrap_io\\.vertx\\.vertx-core",
            "wrap_io\\.cloudevents\\.cloudevents-api", "wrap_io\\.cloudevents\\.cloudevents-core",
            "wrap_io\\.cloudevents\\.cloudevents-json-jackson",
            // our protocol client, the bundle of the feature mconnect-events-client
            "org\\.mconnectevents\\.mconnect-events-client",
            "org\\.apache\\.aries\\.spifly\\.dynamic\\.bundle");

    @RegisterExtension
    static final KarafLogsOnFailure LOGS_ON_FAILURE = new KarafLogsOnFailure(WORK_DIRECTORY);

    private static KarafInstance karaf;
    private static Manifest bundleManifest;
    private static Map<String, Bundle> bundlesBeforeLibraries;
    private static Map<String, Bundle> bundlesWithLibraries;
    private static String ourBundleId;

    @BeforeAll
    static void bootKarafAndInstall() throws Exception {
        Path bundleFile = OurBundle.COMPONENT.jar();
        assertThat(bundleFile).as("our bundle's jar: run the build to the package phase (mvn verify)")
                .isRegularFile();
        bundleManifest = ManifestHeaders.manifestOf(bundleFile);
        karaf = KarafInstance.startFromTheBuild(WORK_DIRECTORY);
        karaf.awaitBooted(Duration.ofSeconds(120));

        karaf.addCamelKarafAndOurFeatures();
        karaf.shell("feature:repo-add " + writeRequirementsFeature().toUri());
        bundlesBeforeLibraries = bundles();
        karaf.shell("feature:install " + REQUIREMENTS_FEATURE);
        bundlesWithLibraries = bundles();

        Matcher installed = Pattern.compile("Bundle ID: (\\d+)")
                .matcher(karaf.shell("bundle:install " + bundleFile.toUri()));
        assertThat(installed.find()).as("bundle:install prints the new bundle's id").isTrue();
        ourBundleId = installed.group(1);
        // asks the framework to resolve it now, rather than leaving it merely installed
        karaf.shell("bundle:resolve " + ourBundleId);
    }

    @AfterAll
    static void stopKaraf() {
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    void camelKarafsFeaturesRepositoryAndOursAreListed() throws Exception {
        Map<String, String> repositoryNamesByUrl = ShellTable.rows(karaf.shell("feature:repo-list --no-format"))
                .stream().collect(Collectors.toMap(row -> row.get(1), row -> row.get(0)));

        assertThat(repositoryNamesByUrl)
                .containsEntry(KarafBuild.camelKarafFeaturesUrl(), "camel-" + KarafBuild.property("camel-karaf.version"))
                .containsKey(OUR_FEATURES_URL);
        assertThat(repositoryNamesByUrl.get(OUR_FEATURES_URL)).startsWith("camel-mconnect-events-");
    }

    @Test
    void theLibrariesFeatureStartsEveryBundleOurBundleNeeds() throws Exception {
        assertThat(ShellTable.rows(karaf.shell("feature:list -i --no-format")))
                .as("installed features")
                .anySatisfy(row -> assertThat(row.subList(0, 4))
                        .containsExactly("mconnect-events-libraries", KarafBuild.property("mconnect.version")
                                .replace('-', '.'), "", "Started"));

        List<Bundle> installedByTheLibraries = bundlesWithLibraries.values().stream()
                .filter(bundle -> !bundlesBeforeLibraries.containsKey(bundle.id()))
                .toList();
        assertThat(installedByTheLibraries).as("bundles the libraries feature installed")
                .allSatisfy(bundle -> assertThat(bundle.state()).as(bundle.toString()).isEqualTo("Active"));
        for (String expected : LIBRARY_BUNDLES) {
            assertThat(installedByTheLibraries).as("bundles the libraries feature installed")
                    .anySatisfy(bundle -> assertThat(bundle.symbolicName()).matches(expected));
        }
    }

    @Test
    void everyPackageOurBundleImportsBesidesCamelIsExportedAtAnAcceptedVersion() throws Exception {
        List<List<String>> exports = ShellTable.rows(karaf.shell("package:exports --no-format"));

        for (PackageClause needed : mandatoryImportsBesidesCamel()) {
            List<List<String>> exporters = exports.stream()
                    .filter(row -> row.get(0).equals(needed.packageName()))
                    .toList();
            assertThat(exporters).as("exporters of " + needed)
                    .anySatisfy(row -> assertThat(Versions.importAccepts(needed.version(), row.get(1))).as(row.toString()).isTrue());
            if (needed.packageName().startsWith("io.cloudevents")) {
                assertThat(exporters).as("exporters of " + needed)
                        .anySatisfy(row -> assertThat(row.get(3)).startsWith("wrap_io.cloudevents."));
            }
        }
    }

    @Test
    void ourBundleWaitsForCamelAndNothingElse() throws Exception {
        assertThat(bundles().get(ourBundleId).state()).isEqualTo("Installed");

        List<String> unsatisfied = karaf.shell("bundle:diag " + ourBundleId).lines()
                .filter(line -> line.startsWith("["))
                .toList();
        assertThat(unsatisfied).as("unsatisfied requirements")
                .allSatisfy(requirement -> assertThat(requirement).contains("osgi.wiring.package;"));
        Set<String> missingPackages = unsatisfied.stream()
                .map(KarafBootIT::requiredPackage)
                .collect(Collectors.toSet());
        Set<String> optionalOrOwn = ManifestHeaders.imports(bundleManifest).stream()
                .filter(imported -> imported.optional()
                        || ManifestHeaders.exportedPackages(bundleManifest).contains(imported.packageName()))
                .map(PackageClause::packageName)
                .collect(Collectors.toSet());

        assertThat(missingPackages).contains("org.apache.camel")
                .doesNotContainAnyElementsOf(mandatoryImportsBesidesCamel().stream()
                        .map(PackageClause::packageName).toList());
        assertThat(missingPackages).as("missing packages, besides optional imports and the bundle's own")
                .filteredOn(missing -> !optionalOrOwn.contains(missing))
                .isNotEmpty()
                .allSatisfy(missing -> assertThat(missing).matches("org\\.apache\\.camel(\\..+)?"));
    }

    /** The imports that must be wired for our bundle to resolve, Camel's left out. */
    private static List<PackageClause> mandatoryImportsBesidesCamel() {
        Set<String> own = ManifestHeaders.exportedPackages(bundleManifest);
        return ManifestHeaders.imports(bundleManifest).stream()
                .filter(imported -> !imported.optional() && !imported.isCamel()
                        && !own.contains(imported.packageName()))
                .toList();
    }

    /**
     * A features repository with one feature: {@code mconnect-events-libraries} plus, as requirements, our
     * bundle's mandatory imports besides Camel's.
     */
    private static Path writeRequirementsFeature() throws IOException {
        StringBuilder features = new StringBuilder()
                .append("<features name=\"mconnect-events-bundle-requirements\"")
                .append(" xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">\n")
                .append("  <feature name=\"").append(REQUIREMENTS_FEATURE).append("\" version=\"1.0.0\">\n")
                .append("    <feature>mconnect-events-client</feature>\n");
        for (PackageClause needed : mandatoryImportsBesidesCamel()) {
            features.append("    <requirement>osgi.wiring.package;filter:=\"")
                    .append(needed.requirementFilter().replace("&", "&amp;").replace("<", "&lt;")
                            .replace(">", "&gt;"))
                    .append("\"</requirement>\n");
        }
        features.append("  </feature>\n</features>\n");
        Path file = WORK_DIRECTORY.resolve("bundle-requirements-features.xml");
        Files.writeString(file, features);
        return file;
    }

    private static String requiredPackage(String requirement) {
        Matcher matcher = Pattern.compile("osgi\\.wiring\\.package=([^)]+)\\)").matcher(requirement);
        assertThat(matcher.find()).as(requirement).isTrue();
        return matcher.group(1);
    }

    private static Map<String, Bundle> bundles() throws IOException, InterruptedException {
        return ShellTable.rows(karaf.shell("bundle:list -t 0 -s --no-format")).stream()
                .map(row -> new Bundle(row.get(0), row.get(1), row.get(4)))
                .collect(Collectors.toMap(Bundle::id, Function.identity()));
    }

    /** A row of {@code bundle:list -s}. */
    private record Bundle(String id, String state, String symbolicName) {
    }
}
