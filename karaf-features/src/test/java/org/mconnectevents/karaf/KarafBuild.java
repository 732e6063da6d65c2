package org.mconnectevents.karaf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the build hands the tests (surefire system properties, see this module's pom): our filtered features file,
 * the bundles the reactor just built ({@link OurBundle}), and the directory where Maven copied the served artifacts these
 * checks read (features repositories, bundles, the plain Camel jars).
 */
final class KarafBuild {

    private static FeatureIndex servedFeatures;
    private static FeatureIndex servedFeaturesAndOurs;
    private static final Map<String, ClosureExports> closures = new HashMap<>();

    private KarafBuild() {
    }

    static Path ourFeaturesFile() {
        return Path.of(property("mconnect.features.file"));
    }

    static String projectVersion() {
        return property("mconnect.version");
    }

    static Path artifactsDir() {
        return Path.of(property("karaf.artifacts.dir"));
    }

    /**
     * Camel Karaf's features repository, and those of Karaf's own repositories that Camel Karaf's features and ours
     * draw on: framework (installed in every instance), specs (spifly) and standard (wrap), which a Karaf 4.4
     * distribution lists in its features configuration.
     */
    static List<String> servedRepositories() {
        String karaf = property("karaf.version");
        return List.of(camelKarafFeaturesUrl(),
                "mvn:org.apache.karaf.features/framework/" + karaf + "/xml/features",
                "mvn:org.apache.karaf.features/specs/" + karaf + "/xml/features",
                "mvn:org.apache.karaf.features/standard/" + karaf + "/xml/features");
    }

    /** Camel Karaf's features repository, as a user adds it. */
    static String camelKarafFeaturesUrl() {
        return "mvn:org.apache.camel.karaf/apache-camel/" + property("camel-karaf.version") + "/xml/features";
    }

    static FeaturesRepository ourFeatures() {
        return FeaturesRepository.read(ourFeaturesFile());
    }

    static synchronized FeatureIndex servedFeatures() {
        if (servedFeatures == null) {
            servedFeatures = FeatureIndex.of(artifactsDir(), servedRepositories());
        }
        return servedFeatures;
    }

    static synchronized FeatureIndex servedFeaturesAndOurs() {
        if (servedFeaturesAndOurs == null) {
            servedFeaturesAndOurs = FeatureIndex.of(artifactsDir(), servedRepositories());
            servedFeaturesAndOurs.add(ourFeatures());
        }
        return servedFeaturesAndOurs;
    }

    /**
     * The features installed with one of ours, plus Karaf's framework feature, which every Karaf instance has
     * (the logging API, configuration admin, the features service).
     */
    static synchronized List<FeatureIndex.Known> closureOf(String ourFeature) {
        FeatureIndex index = servedFeaturesAndOurs();
        List<FeatureIndex.Known> features = new ArrayList<>(index.closureOf(ourFeature, projectVersion()));
        features.addAll(index.closureOf("framework", property("karaf.version")));
        return features;
    }

    /** What the bundles of {@link #closureOf(String)} export, computed once per feature. */
    static synchronized ClosureExports exportsOfClosure(String ourFeature) {
        return closures.computeIfAbsent(ourFeature, name -> ClosureExports.of(closureOf(name)));
    }

    /** The file of a mvn: location: our bundles are the reactor's jars, anything else what Maven copied. */
    static Path fileOf(MavenLocation location) {
        Path file = OurBundle.of(location).map(OurBundle::jar).orElseGet(() -> location.fileIn(artifactsDir()));
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(location + " was not resolved by Maven (no " + file
                    + "): add it to the artifactItems of karaf-features/pom.xml");
        }
        return file;
    }

    /** Where Maven copied a location when it is served; empty for the artifacts known not to be served. */
    static Optional<Path> servedFileOf(MavenLocation location) {
        Path file = location.fileIn(artifactsDir());
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** A system property the build passes to the tests; fails with its name when the build did not set it. */
    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank() || value.contains("${")) {
            throw new IllegalStateException("System property " + name + " is not set by the build: " + value);
        }
        return value;
    }
}
