package org.mconnectevents.karaf;

import static org.assertj.core.api.Assertions.assertThat;

import aQute.bnd.osgi.Analyzer;
import aQute.bnd.osgi.Descriptors.PackageRef;
import aQute.bnd.version.VersionRange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.mconnectevents.karaf.ManifestHeaders.PackageClause;

/**
 * The OSGi headers of our component bundle: what it offers to other bundles, and what it asks of Karaf.
 */
class ComponentBundleManifestTest {

    private static final String OWN_PACKAGES = "org.mconnectevents.camel";
    /** The packages only the building blocks use (outbox, idempotency, personal data): JPA, Spring, JsonPath. */
    private static final List<String> BUILDING_BLOCK_PACKAGES = List.of("jakarta.persistence", "org.springframework.",
            "com.jayway.jsonpath", "org.apache.camel.component.jpa", "org.apache.camel.processor.idempotent.jpa",
            "org.apache.camel.jsonpath");
    private static final String CAMEL_SERVICES = "META-INF/services/org/apache/camel/";

    private final Path bundle = KarafBuild.componentBundle();
    private final Manifest manifest = ManifestHeaders.manifestOf(bundle);

    @Test
    void exportsEveryPackageOfTheJarAtTheBundleVersion() {
        Set<String> ownPackages = ClosureExports.packagesIn(bundle).stream()
                .filter(name -> name.equals(OWN_PACKAGES) || name.startsWith(OWN_PACKAGES + ".")).collect(Collectors.toSet());
        List<PackageClause> exports = ManifestHeaders.exports(manifest);
        // a snapshot exports its packages at the release it leads to: 0.1.0.SNAPSHOT exports 0.1.0
        String bundleVersion = Versions.of(ManifestHeaders.header(manifest, "Bundle-Version")).getWithoutQualifier().toString();

        assertThat(exports).extracting(PackageClause::packageName).containsExactlyInAnyOrderElementsOf(ownPackages);
        assertThat(exports).extracting(PackageClause::version).containsOnly(bundleVersion);
    }

    @Test
    void importsEveryPackageOutsideTheJdkWithAVersionRange() {
        List<String> withoutRange = ManifestHeaders.imports(manifest).stream()
                .filter(clause -> !JdkPackages.isFromTheJdk(clause.packageName()))
                .filter(clause -> clause.version() == null || !new VersionRange(clause.version()).isRange())
                .map(PackageClause::packageName).toList();

        assertThat(withoutRange).isEmpty();
    }

    @Test
    void importsCamelInARangeHoldingCamelKaraf410AndTheCamelWeBuildWith() {
        List<PackageClause> camelImports = ManifestHeaders.imports(manifest).stream()
                .filter(clause -> clause.packageName().startsWith("org.apache.camel")).toList();
        assertThat(camelImports).isNotEmpty();

        for (String camel : List.of(KarafBuild.property("camel-karaf.version"), KarafBuild.property("camel.version"))) {
            assertThat(camelImports).as("Camel %s", camel)
                    .allSatisfy(clause -> assertThat(Versions.importAccepts(clause.version(), camel))
                            .as("%s %s accepts %s", clause.packageName(), clause.version(), camel).isTrue());
        }
    }

    @Test
    void importsOnlyTheBuildingBlocksLibrariesOptionally() {
        List<PackageClause> imports = ManifestHeaders.imports(manifest);

        assertThat(imports).filteredOn(PackageClause::optional).isNotEmpty();
        assertThat(imports).allSatisfy(clause -> assertThat(clause.optional())
                .as("%s is optional", clause.packageName()).isEqualTo(isBuildingBlockPackage(clause.packageName())));
    }

    /**
     * The imports are exactly what the classes need: every package they refer to is imported or in the jar (a
     * narrowed Import-Package instruction would leave one out), and every import is referred to (a package named
     * by hand that no class uses, misspelt or gone, would otherwise be required in Karaf for nothing).
     */
    @Test
    void importsExactlyThePackagesItsClassesReferTo() throws Exception {
        Set<String> imported = ManifestHeaders.imports(manifest).stream().map(PackageClause::packageName)
                .collect(Collectors.toSet());
        try (Analyzer analyzer = new Analyzer()) {
            analyzer.setJar(bundle.toFile());
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
    void shipsCamelsComponentDescriptorNamingClassesOfTheBundle() throws IOException {
        try (ZipFile jar = new ZipFile(bundle.toFile())) {
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

    private static boolean isBuildingBlockPackage(String packageName) {
        return BUILDING_BLOCK_PACKAGES.stream().anyMatch(packageName::startsWith);
    }
}
