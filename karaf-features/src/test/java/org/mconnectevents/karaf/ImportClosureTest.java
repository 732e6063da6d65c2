package org.mconnectevents.karaf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mconnectevents.karaf.ManifestHeaders.PackageClause;

/**
 * What {@code feature:install mconnect-events-client}, {@code camel-mconnect-events} and {@code camel-mconnect-events-jpa}
 * put into Karaf is enough for our bundle of that name and for the libraries wrapped for it: every package they import
 * is exported by a bundle of the feature's closure with a version in the import's range, or comes from the JDK through
 * the system bundle.
 */
class ImportClosureTest {

    private static final String COMPONENT_FEATURE = OurBundle.COMPONENT.artifactId();

    /** Each of our bundles is installed by the feature of its own name, which must bring everything it imports. */
    @ParameterizedTest
    @EnumSource(OurBundle.class)
    void everyImportOfOurBundleIsExportedByItsFeature(OurBundle bundle) {
        String feature = bundle.artifactId();
        ClosureExports closure = KarafBuild.exportsOfClosure(feature);
        List<PackageClause> imports = ManifestHeaders.imports(ManifestHeaders.manifestOf(bundle.jar()));
        assertThat(imports).isNotEmpty();

        assertThat(unsatisfied(imports, closure, feature)).as("imports that nothing in %s exports", feature).isEmpty();
    }

    /**
     * The imports no bundle of the closure exports in range. A Camel package that only a Camel Karaf bundle with
     * unknown packages could export is reported, not counted: its plain jar is not served to this build.
     */
    static List<String> unsatisfied(List<PackageClause> imports, ClosureExports closure, String feature) {
        List<String> unsatisfied = new ArrayList<>();
        for (PackageClause imported : imports) {
            if (JdkPackages.isFromTheJdk(imported.packageName())
                    || closure.exporterFor(imported.packageName(), imported.version()).isPresent()) {
                continue;
            }
            if (closure.couldComeFromAnUnknownCamelBundle(imported.packageName())) {
                System.out.printf("%s: %s %s is not checked, it can only come from %s, whose plain Camel jar is not"
                        + " served%n", feature, imported.packageName(), imported.version(), closure.unknownCamelBundles());
                continue;
            }
            unsatisfied.add(imported.packageName() + " " + imported.version() + " (exported: "
                    + closure.exportsOf(imported.packageName()) + ")");
        }
        return unsatisfied;
    }

    /**
     * The bundles of our features, wrapped or not, find what they import. For the wrapped ones this is what
     * pax-url-wrap makes of them: without an Import-Package instruction, all their imports are optional, so they
     * always resolve, and a package nobody exports is only missed when a class needing it loads. Those are listed
     * in the test output; the libraries the jars really need are checked by the next test.
     */
    @Test
    void everyRequiredImportOfTheBundlesOfOurFeaturesIsExportedByTheComponentFeature() {
        ClosureExports closure = KarafBuild.exportsOfClosure(COMPONENT_FEATURE);
        List<String> unsatisfied = new ArrayList<>();

        for (String location : ourLibraryBundles()) {
            Manifest manifest = WrapLocation.isWrap(location) ? closure.wrappedManifest(location)
                    : ManifestHeaders.manifestOf(KarafBuild.fileOf(MavenLocation.parse(location)));
            List<PackageClause> imports = ManifestHeaders.imports(manifest);
            assertThat(imports).as("imports of %s", location).isNotEmpty();

            unsatisfied(imports.stream().filter(clause -> !clause.optional()).toList(), closure, COMPONENT_FEATURE)
                    .forEach(missing -> unsatisfied.add(location + " imports " + missing));
            List<String> unwiredOptional = unsatisfied(imports.stream().filter(PackageClause::optional).toList(),
                    closure, COMPONENT_FEATURE);
            System.out.printf("%s: %d imports, %d optional ones that nothing exports: %s%n", location, imports.size(),
                    unwiredOptional.size(), unwiredOptional);
        }

        assertThat(unsatisfied).isEmpty();
    }

    /** Each wrapped jar comes with the libraries its own POM requires at run time, as bundles of the closure. */
    @Test
    void everyLibraryAWrappedJarRequiresIsInstalledWithIt() {
        ClosureExports closure = KarafBuild.exportsOfClosure(COMPONENT_FEATURE);
        List<String> installed = closure.bundles().stream().map(ImportClosureTest::artifactOf).toList();
        List<String> missing = new ArrayList<>();

        for (String location : ourLibraryBundles().stream().filter(WrapLocation::isWrap).toList()) {
            MavenLocation jar = WrapLocation.parse(location).jar();
            MavenLocation pom = new MavenLocation(jar.groupId(), jar.artifactId(), jar.version(), "pom", null);
            List<String> required = RequiredDependencies.of(KarafBuild.fileOf(pom));
            System.out.printf("%s requires %s%n", jar, required);

            required.stream().filter(library -> !installed.contains(library))
                    .forEach(library -> missing.add(jar + " requires " + library));
        }

        assertThat(missing).as("libraries required but not installed by %s", COMPONENT_FEATURE).isEmpty();
    }

    private static List<String> ourLibraryBundles() {
        return KarafBuild.ourFeatures().features().stream().flatMap(feature -> feature.bundles().stream())
                .filter(location -> WrapLocation.isWrap(location)
                        || OurBundle.of(MavenLocation.parse(location)).isEmpty())
                .toList();
    }

    private static String artifactOf(String location) {
        MavenLocation maven = WrapLocation.isWrap(location) ? WrapLocation.parse(location).jar()
                : MavenLocation.parse(location);
        return maven.groupId() + ":" + maven.artifactId();
    }
}
