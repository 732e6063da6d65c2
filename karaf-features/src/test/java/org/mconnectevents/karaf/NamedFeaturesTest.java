package org.mconnectevents.karaf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mconnectevents.karaf.FeaturesRepository.Feature;
import org.mconnectevents.karaf.FeaturesRepository.FeatureReference;

/**
 * Every feature our features install is there for a Karaf user who added Camel Karaf's features repository next to
 * ours: it is one of ours, or Camel Karaf's (with the repositories it references), or one of Karaf's own, with a
 * version inside the range we ask for.
 */
class NamedFeaturesTest {

    @Test
    void everyFeatureWeNameIsServedWithAVersionInItsRange() {
        FeaturesRepository ours = KarafBuild.ourFeatures();
        FeatureIndex served = KarafBuild.servedFeatures();
        List<String> missing = new ArrayList<>();

        for (Feature feature : ours.features()) {
            for (FeatureReference named : feature.dependencies()) {
                Optional<Feature> own = ours.features().stream()
                        .filter(candidate -> candidate.name().equals(named.name())
                                && Versions.featureVersionMatches(candidate.version(), named.versionRange()))
                        .findFirst();
                Optional<FeatureIndex.Known> found = served.find(named.name(), named.versionRange());
                System.out.printf("%s needs %s %s: %s%n", feature.name(), named.name(), named.versionRange(),
                        own.map(f -> "ours, " + f.version()).orElse(found
                                .map(k -> k.feature().version() + " from " + k.repository()).orElse("NOT SERVED")));
                if (own.isEmpty() && found.isEmpty()) {
                    missing.add(feature.name() + " -> " + named.name() + " " + named.versionRange());
                }
            }
        }

        assertThat(missing).as("features named but served nowhere (repositories read: %s)", served.repositoriesRead())
                .isEmpty();
    }

    @Test
    void theCamelAndLibraryFeaturesAreTheOnesCamelKaraf410Installs() {
        FeatureIndex served = KarafBuild.servedFeatures();

        assertThat(served.find("camel-core", "[4.10,5)")).get()
                .satisfies(known -> assertThat(known.feature().version()).isEqualTo("4.10.7"));
        assertThat(served.find("jackson", "[2.18,3)")).get()
                .satisfies(known -> assertThat(known.feature().version()).isEqualTo("2.18.4"));
        assertThat(served.find("netty", "[4.1,5)")).get()
                .satisfies(known -> assertThat(known.feature().version()).startsWith("4.1."));
        assertThat(served.find("spifly", null)).get()
                .satisfies(known -> assertThat(known.repository()).startsWith("specs-"));
    }
}
