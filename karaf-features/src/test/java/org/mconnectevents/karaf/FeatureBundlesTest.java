package org.mconnectevents.karaf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mconnectevents.karaf.ManifestHeaders.PackageClause;

/**
 * The bundles our features install: real OSGi bundles, jars wrapped on purpose with their own name and version,
 * and our component exactly as this build made it.
 */
class FeatureBundlesTest {

    @Test
    void everyMvnBundleResolvesAndIsAnOsgiBundle() {
        List<String> locations = ourBundles().stream().filter(location -> location.startsWith("mvn:")).toList();
        assertThat(locations).isNotEmpty();

        for (String location : locations) {
            Manifest manifest = ManifestHeaders.manifestOf(KarafBuild.fileOf(MavenLocation.parse(location)));

            assertThat(ManifestHeaders.header(manifest, "Bundle-SymbolicName")).as("Bundle-SymbolicName of %s", location)
                    .isNotBlank();
            assertThat(ManifestHeaders.header(manifest, "Bundle-ManifestVersion")).as("Bundle-ManifestVersion of %s",
                    location).isEqualTo("2");
        }
    }

    @Test
    void everyWrappedJarNeedsWrappingAndGetsItsOwnNameAndVersion() {
        List<String> locations = ourBundles().stream().filter(WrapLocation::isWrap).toList();
        assertThat(locations).hasSize(4);

        for (String location : locations) {
            WrapLocation wrap = WrapLocation.parse(location);
            Manifest jarManifest = ManifestHeaders.manifestOf(KarafBuild.fileOf(wrap.jar()));

            assertThat(ManifestHeaders.header(jarManifest, "Bundle-SymbolicName")).as("%s is already a bundle", wrap.jar())
                    .isNull();
            assertThat(wrap.instructions().get("Bundle-SymbolicName")).as("Bundle-SymbolicName of %s", location)
                    .isEqualTo("wrap_" + wrap.jar().groupId() + "." + wrap.jar().artifactId());
            assertThat(wrap.instructions().get("Bundle-Version")).as("Bundle-Version of %s", location)
                    .isEqualTo(wrap.jar().version());
        }
    }

    /**
     * A jar wrapped only for us says which packages it exports, at the jar's version, so that our imports can ask
     * for a version. A jar that Camel Karaf wraps for its own features is wrapped at exactly Camel Karaf's location
     * instead, so Karaf installs one copy for both; without an Export-Package instruction, pax-url-wrap exports
     * all its packages, without a version.
     */
    @Test
    void everyWrappedJarExportsItsPackagesAtItsVersionUnlessItIsCamelKarafsOwnWrap() {
        for (String location : ourBundles().stream().filter(WrapLocation::isWrap).toList()) {
            WrapLocation wrap = WrapLocation.parse(location);
            Path jar = KarafBuild.fileOf(wrap.jar());
            List<PackageClause> exports = ManifestHeaders.exports(PaxWrap.wrap(jar, wrap));
            List<String> camelKarafFeatures = KarafBuild.servedFeatures().featuresWithBundle(location);
            String exportInstruction = wrap.instructions().get("Export-Package");

            if (camelKarafFeatures.isEmpty()) {
                assertThat(exportInstruction).as("Export-Package of %s", location)
                        .endsWith(";version=" + wrap.jar().version());
                assertThat(exports).extracting(PackageClause::version).as("export versions of %s", location)
                        .containsOnly(Versions.of(wrap.jar().version()).toString());
            } else {
                System.out.printf("%s is Camel Karaf's own wrap, as in %s%n", wrap.jar(), camelKarafFeatures);
                assertThat(exportInstruction).as("Export-Package of %s", location).isNull();
                assertThat(exports).extracting(PackageClause::version).as("export versions of %s", location)
                        .containsOnlyNulls();
            }
            String pattern = exportInstruction == null ? "*" : exportInstruction.split(";")[0];
            List<String> named = ClosureExports.packagesIn(jar).stream()
                    .filter(name -> matchesBndWildcard(pattern, name)).toList();
            assertThat(named).as("packages of %s named by %s", wrap.jar(), pattern).isNotEmpty();
            assertThat(exports).extracting(PackageClause::packageName).as("exports of %s", location)
                    .containsExactlyInAnyOrderElementsOf(named);
        }
    }

    @Test
    void ourBundlesAreTheJarsThisBuildJustMade() throws Exception {
        List<MavenLocation> ours = ourBundles().stream().filter(location -> location.startsWith("mvn:"))
                .map(MavenLocation::parse).filter(location -> OurBundle.of(location).isPresent()).toList();
        assertThat(ours).extracting(location -> OurBundle.of(location).orElseThrow())
                .containsExactlyInAnyOrder(OurBundle.values());

        for (MavenLocation location : ours) {
            OurBundle ourBundle = OurBundle.of(location).orElseThrow();
            Path bundle = ourBundle.jar();
            Manifest manifest = ManifestHeaders.manifestOf(bundle);

            assertThat(location.version()).isEqualTo(KarafBuild.projectVersion());
            assertThat(bundle).hasFileName(location.artifactId() + "-" + location.version() + ".jar");
            assertThat(bundle.toRealPath().getParent()).as("the reactor's %s/target", location.artifactId())
                    .isEqualTo(ourBundle.moduleTarget().toRealPath());
            assertThat(ManifestHeaders.header(manifest, "Bundle-SymbolicName")).isEqualTo(ourBundle.symbolicName());
            assertThat(ManifestHeaders.header(manifest, "Bundle-Version"))
                    .isEqualTo(Versions.of(KarafBuild.projectVersion()).toString());
        }
    }

    private static List<String> ourBundles() {
        return KarafBuild.ourFeatures().features().stream().flatMap(feature -> feature.bundles().stream()).toList();
    }

    /** bnd's package wildcards: {@code a.b.*} is a.b and every package below it; {@code a*} any name starting a. */
    static boolean matchesBndWildcard(String pattern, String packageName) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith(".*")) {
            String base = pattern.substring(0, pattern.length() - 2);
            return packageName.equals(base) || packageName.startsWith(base + ".");
        }
        if (pattern.endsWith("*")) {
            return packageName.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return packageName.equals(pattern);
    }
}
