package org.mconnectevents.karaf;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mconnectevents.karaf.FeaturesRepository.Feature;
import org.mconnectevents.karaf.FeaturesRepository.FeatureReference;

/**
 * The features a Karaf instance knows once the given repositories are added, with the repositories they reference.
 * A feature named with a version range is the highest version inside the range, as Karaf's resolver prefers it.
 */
final class FeatureIndex {

    /** A feature and the repository it came from. */
    record Known(Feature feature, String repository) {
    }

    private final Map<String, List<Known>> byName = new LinkedHashMap<>();
    private final List<String> repositoriesRead = new ArrayList<>();

    /** Reads the repositories at these locations, following their references; each is resolved in artifactsDir. */
    static FeatureIndex of(Path artifactsDir, List<String> locations) {
        FeatureIndex index = new FeatureIndex();
        Deque<String> toRead = new ArrayDeque<>(locations);
        Set<String> seen = new LinkedHashSet<>();
        while (!toRead.isEmpty()) {
            String location = toRead.pop();
            if (seen.add(location)) {
                FeaturesRepository repository = FeaturesRepository.read(MavenLocation.parse(location).fileIn(artifactsDir));
                index.add(repository);
                toRead.addAll(repository.repositories());
            }
        }
        return index;
    }

    void add(FeaturesRepository repository) {
        repositoriesRead.add(repository.name());
        for (Feature feature : repository.features()) {
            byName.computeIfAbsent(feature.name(), name -> new ArrayList<>()).add(new Known(feature, repository.name()));
        }
    }

    List<String> repositoriesRead() {
        return repositoriesRead;
    }

    Optional<Known> find(String name, String versionRange) {
        return byName.getOrDefault(name, List.of()).stream()
                .filter(known -> Versions.featureVersionMatches(known.feature().version(), versionRange))
                .max(Comparator.comparing(known -> Versions.of(known.feature().version())));
    }

    /** The features (name/version) that install a bundle at exactly this location. */
    List<String> featuresWithBundle(String location) {
        return byName.values().stream().flatMap(List::stream)
                .filter(known -> known.feature().bundles().contains(location))
                .map(known -> known.feature().name() + "/" + known.feature().version()).toList();
    }

    /** The features installed with the named one, itself first, each once; fails on a name that is not known. */
    List<Known> closureOf(String name, String versionRange) {
        Map<String, Known> closure = new LinkedHashMap<>();
        collect(new FeatureReference(name, versionRange, false), closure);
        return List.copyOf(closure.values());
    }

    private void collect(FeatureReference reference, Map<String, Known> closure) {
        Known known = find(reference.name(), reference.versionRange()).orElseThrow(() -> new AssertionError(
                "No feature " + reference.name() + " in range " + reference.versionRange() + " in " + repositoriesRead));
        String key = known.feature().name() + "/" + known.feature().version();
        if (closure.putIfAbsent(key, known) == null) {
            known.feature().dependencies().forEach(dependency -> collect(dependency, closure));
        }
    }
}
