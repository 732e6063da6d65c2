package org.mconnectevents.karaf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;
import org.mconnectevents.karaf.ManifestHeaders.PackageClause;

/**
 * The packages the bundles of a feature closure export. A {@code mvn:} bundle exports what its manifest says, a
 * {@code wrap:} bundle what pax-url-wrap makes bnd export. Camel Karaf's own bundles
 * ({@code mvn:org.apache.camel.karaf/camel-X/V}) are not served to this build, but for {@code camel-core-osgi}: for
 * them, the packages of the plain Camel jar they repackage ({@code org.apache.camel:camel-X:V}) count, at version V;
 * where that plain jar is not served either, the bundle's packages are unknown and {@link #unknownCamelBundles()}
 * names it.
 */
final class ClosureExports {

    /** A package exported by a bundle of the closure. */
    record Export(String packageName, String version, String bundle) {
    }

    static final String CAMEL_KARAF_GROUP = "org.apache.camel.karaf";

    /**
     * What our bundle imports from the Camel Karaf bundles whose plain Camel jar is not served at 4.10.7 (camel-jpa's
     * packages, from the camel-jpa 4.17.0 sources our building blocks compile against). camel-console, camel-directvm
     * and camel-vm are not served either; nothing of ours comes from them.
     */
    static final Map<String, Set<String>> PACKAGES_OF_UNSERVED_CAMEL_BUNDLES = Map.of(
            "camel-jpa", Set.of("org.apache.camel.component.jpa", "org.apache.camel.processor.idempotent.jpa"));

    private final Map<String, List<Export>> byPackage = new HashMap<>();
    private final Map<String, Manifest> wrappedManifests = new HashMap<>();
    private final List<String> unknownCamelBundles = new ArrayList<>();
    private final List<String> bundles = new ArrayList<>();

    static ClosureExports of(List<FeatureIndex.Known> features) {
        ClosureExports exports = new ClosureExports();
        features.stream().flatMap(known -> known.feature().bundles().stream()).distinct().forEach(exports::add);
        return exports;
    }

    List<String> bundles() {
        return bundles;
    }

    List<String> unknownCamelBundles() {
        return unknownCamelBundles;
    }

    /** The manifest pax-url-wrap gives a wrap: bundle of this closure. */
    Manifest wrappedManifest(String location) {
        return wrappedManifests.get(location);
    }

    List<Export> exportsOf(String packageName) {
        return byPackage.getOrDefault(packageName, List.of());
    }

    /** An exporter of the package with a version the import range accepts. */
    Optional<Export> exporterFor(String packageName, String importRange) {
        return exportsOf(packageName).stream()
                .filter(export -> Versions.importAccepts(importRange, export.version()))
                .findFirst();
    }

    /**
     * Whether the package is one that a Camel Karaf bundle of this closure, whose plain jar is not served, is known to
     * export. Only the packages named in {@link #PACKAGES_OF_UNSERVED_CAMEL_BUNDLES} count: any other Camel import
     * must be found in a served jar, so a misspelt or vanished Camel package still fails the checks.
     */
    boolean couldComeFromAnUnknownCamelBundle(String packageName) {
        return unknownCamelBundles.stream()
                .map(location -> MavenLocation.parse(location).artifactId())
                .anyMatch(artifactId -> PACKAGES_OF_UNSERVED_CAMEL_BUNDLES.getOrDefault(artifactId, Set.of())
                        .contains(packageName));
    }

    private void add(String location) {
        bundles.add(location);
        if (WrapLocation.isWrap(location)) {
            WrapLocation wrap = WrapLocation.parse(location);
            Manifest manifest = PaxWrap.wrap(KarafBuild.fileOf(wrap.jar()), wrap);
            wrappedManifests.put(location, manifest);
            addExports(ManifestHeaders.exports(manifest), location);
            return;
        }
        MavenLocation maven = MavenLocation.parse(location);
        if (CAMEL_KARAF_GROUP.equals(maven.groupId()) && maven.artifactId().startsWith("camel-")
                && KarafBuild.servedFileOf(maven).isEmpty()) {
            MavenLocation plain = new MavenLocation("org.apache.camel", maven.artifactId(), maven.version(), "jar", null);
            Optional<Path> plainJar = KarafBuild.servedFileOf(plain);
            if (plainJar.isEmpty()) {
                unknownCamelBundles.add(location);
            } else {
                packagesIn(plainJar.get()).forEach(name -> record(new Export(name, maven.version(), location)));
            }
            return;
        }
        addExports(ManifestHeaders.exports(ManifestHeaders.manifestOf(KarafBuild.fileOf(maven))), location);
    }

    private void addExports(List<PackageClause> exports, String location) {
        exports.forEach(clause -> record(new Export(clause.packageName(),
                clause.version() == null ? "0.0.0" : clause.version(), location)));
    }

    private void record(Export export) {
        byPackage.computeIfAbsent(export.packageName(), name -> new ArrayList<>()).add(export);
    }

    /** The packages holding classes in a jar, outside META-INF (multi-release variants are the same packages). */
    static Set<String> packagesIn(Path jar) {
        Set<String> packages = new TreeSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(entry -> entry.getName())
                    .filter(name -> name.endsWith(".class") && !name.startsWith("META-INF/") && name.contains("/"))
                    .forEach(name -> packages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.')));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + jar, e);
        }
        return packages;
    }
}
