package org.mconnectevents.karaf;

import static org.assertj.core.api.Assertions.assertThat;

import aQute.bnd.osgi.Analyzer;
import aQute.bnd.osgi.Descriptors.PackageRef;
import aQute.bnd.version.VersionRange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mconnectevents.karaf.ManifestHeaders.PackageClause;

/**
 * The OSGi headers of our three bundles: what each offers to other bundles, and what it asks of Karaf. Each exports
 * only its own packages, imports nothing optionally (the optional dependencies are gone with the split into three
 * artifacts), and the protocol client imports nothing of Camel.
 */
class BundleManifestsTest {

    private static final String CAMEL_SERVICES = "META-INF/services/org/apache/camel/";

    @ParameterizedTest
    @EnumSource(OurBundle.class)
    void exportsEveryPackageOfItsJarAndNothingElseAtTheBundleVersion(OurBundle bundle) {
        Manifest manifest = ManifestHeaders.manifestOf(bundle.jar());
        Set<String> packages = ClosureExports.packagesIn(bundle.jar());
        List<PackageClause> exports = ManifestHeaders.exports(manifest);
        // a snapshot exports its packages at the release it leads to: 0.1.0.SNAPSHOT exports 0.1.0
        String bundleVersion = Versions.of(ManifestHeaders.header(manifest, "Bundle-Version")).getWithoutQualifier().toString();

        assertThat(packages).isNotEmpty().allSatisfy(name -> assertThat(bundle.owns(name)).as("%s is %s's own", name, bundle).isTrue());
        assertThat(exports).extracting(PackageClause::packageName).containsExactlyInAnyOrderElementsOf(packages);
        assertThat(exports).extracting(PackageClause::version).containsOnly(bundleVersion);
    }

    /** A range, or for our own packages exactly one version (see the next test). */
    @ParameterizedTest
    @EnumSource(OurBundle.class)
    void importsEveryPackageOutsideTheJdkWithAVersionRange(OurBundle bundle) {
        List<String> withoutRange = ManifestHeaders.imports(ManifestHeaders.manifestOf(bundle.jar())).stream()
                .filter(clause -> !JdkPackages.isFromTheJdk(clause.packageName()))
                .filter(clause -> clause.version() == null || !new VersionRange(clause.version()).isRange()
                        && !clause.packageName().startsWith("org.mconnectevents."))
                .map(PackageClause::packageName).toList();

        assertThat(withoutRange).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(OurBundle.class)
    void importsNothingOptionally(OurBundle bundle) {
        assertThat(ManifestHeaders.imports(ManifestHeaders.manifestOf(bundle.jar())))
                .filteredOn(PackageClause::optional).isEmpty();
    }

    /** Our bundles are released together: each takes the others' packages at exactly its own version. */
    @ParameterizedTest
    @EnumSource(value = OurBundle.class, names = {"COMPONENT", "BUILDING_BLOCKS"})
    void importsOurOtherBundlesAtExactlyItsOwnVersion(OurBundle bundle) {
        Manifest manifest = ManifestHeaders.manifestOf(bundle.jar());
        String release = Versions.of(ManifestHeaders.header(manifest, "Bundle-Version")).getWithoutQualifier().toString();

        assertThat(ManifestHeaders.imports(manifest)).filteredOn(clause -> clause.packageName().startsWith("org.mconnectevents."))
                .filteredOn(clause -> !bundle.owns(clause.packageName()))
                .isNotEmpty()
                .allSatisfy(clause -> assertThat(clause.version()).isEqualTo("[" + release + "," + release + "]"));
    }

    @ParameterizedTest
    @EnumSource(value = OurBundle.class, names = {"COMPONENT", "BUILDING_BLOCKS"})
    void importsCamelInARangeHoldingCamelKaraf410AndTheCamelWeBuildWith(OurBundle bundle) {
        List<PackageClause> camelImports = ManifestHeaders.imports(ManifestHeaders.manifestOf(bundle.jar())).stream()
                .filter(clause -> clause.packageName().startsWith("org.apache.camel")).toList();
        assertThat(camelImports).isNotEmpty();

        for (String camel : List.of(KarafBuild.property("camel-karaf.version"), KarafBuild.property("camel.version"))) {
            assertThat(camelImports).as("Camel %s", camel)
                    .allSatisfy(clause -> assertThat(Versions.importAccepts(clause.version(), camel))
                            .as("%s %s accepts %s", clause.packageName(), clause.version(), camel).isTrue());
        }
    }

    @Test
    void theClientImportsNothingOfCamelNorOfTheOtherBundles() {
        assertThat(ManifestHeaders.imports(ManifestHeaders.manifestOf(OurBundle.CLIENT.jar())))
                .extracting(PackageClause::packageName)
                .noneMatch(name -> name.startsWith("org.apache.camel"))
                .noneMatch(name -> name.startsWith("org.mconnectevents.camel"));
    }

    /** The component needs neither JPA, nor Spring, nor JsonPath: the building blocks do. */
    @Test
    void theComponentImportsNoneOfTheBuildingBlocksLibraries() {
        assertThat(ManifestHeaders.imports(ManifestHeaders.manifestOf(OurBundle.COMPONENT.jar())))
                .extracting(PackageClause::packageName)
                .noneMatch(name -> name.startsWith("jakarta.persistence") || name.startsWith("org.springframework")
                        || name.startsWith("com.jayway.jsonpath") || name.startsWith("org.apache.camel.component.jpa")
                        || name.startsWith("org.apache.camel.jsonpath") || name.startsWith("org.mconnectevents.camel.jpa"));
    }

    /**
     * The imports are exactly what the classes need: every package they refer to is imported or in the jar (a
     * narrowed Import-Package instruction would leave one out), and every import is referred to (a package named
     * by hand that no class uses, misspelt or gone, would otherwise be required in Karaf for nothing).
     */
    @ParameterizedTest
    @EnumSource(OurBundle.class)
    void importsExactlyThePackagesItsClassesReferTo(OurBundle bundle) throws Exception {
        Set<String> imported = ManifestHeaders.imports(ManifestHeaders.manifestOf(bundle.jar())).stream()
                .map(PackageClause::packageName).collect(Collectors.toSet());
        try (Analyzer analyzer = new Analyzer()) {
            analyzer.setJar(bundle.jar().toFile());
            analyzer.analyze();
            Set<String> contained = analyzer.getContained().keySet().stream().map(PackageRef::getFQN)
                    .collect(Collectors.toSet());
            Set<String> referred = analyzer.getReferred().keySet().stream().map(PackageRef::getFQN)
                    .collect(Collectors.toSet());

            List<String> notWired = referred.stream()
                    .filter(name -> !name.startsWith("java.") && !contained.contains(name) && !imported.contains(name))
                    .sorted().toList();
            assertThat(notWired).as("referred to, neither imported nor in the jar").isEmpty();
            // our own exported packages are imported too (substitutable exports), and count as referred
            List<String> unused = imported.stream()
                    .filter(name -> !referred.contains(name) && !contained.contains(name)).sorted().toList();
            assertThat(unused).as("imported, referred to by no class").isEmpty();
        }
    }

    @Test
    void theComponentShipsCamelsComponentDescriptorNamingClassesOfTheBundle() throws IOException {
        try (ZipFile jar = new ZipFile(OurBundle.COMPONENT.jar().toFile())) {
            assertThat(jar.getEntry(CAMEL_SERVICES + "component/mconnect-events")).isNotNull();

            List<? extends ZipEntry> descriptors = jar.stream()
                    .filter(entry -> entry.getName().startsWith(CAMEL_SERVICES) && !entry.isDirectory()).toList();
            assertThat(descriptors).hasSizeGreaterThanOrEqualTo(3);
            for (ZipEntry descriptor : descriptors) {
                Properties properties = propertiesIn(jar, descriptor);
                if (descriptor.getName().equals(CAMEL_SERVICES + "component.properties")) {
                    // the list of the jar's components, as Camel's own component jars carry it for tooling
                    assertThat(properties.getProperty("components")).as("%s", descriptor).isEqualTo("mconnect-events");
                    continue;
                }
                // Camel loads these classes by name: bnd cannot see that, so they must be in the bundle itself
                String className = properties.getProperty("class");
                assertThat(className).as("%s names a class", descriptor).isNotNull();
                assertThat(jar.getEntry(className.replace('.', '/') + ".class")).as("%s names %s", descriptor, className)
                        .isNotNull();
            }
        }
    }

    private static Properties propertiesIn(ZipFile jar, ZipEntry descriptor) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = jar.getInputStream(descriptor)) {
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
