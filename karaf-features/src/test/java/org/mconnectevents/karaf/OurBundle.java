package org.mconnectevents.karaf;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Our three bundles, as the reactor just built them: the protocol client, the Camel component and the building blocks.
 * Each exports its own packages, those under {@link #ownPackage()}, and nothing else.
 */
enum OurBundle {

    CLIENT("mconnect-events-client", "org.mconnectevents.client"),
    COMPONENT("camel-mconnect-events", "org.mconnectevents.camel"),
    BUILDING_BLOCKS("camel-mconnect-events-jpa", "org.mconnectevents.camel.jpa");

    static final String GROUP = "org.mconnectevents";

    private final String artifactId;
    private final String ownPackage;

    OurBundle(String artifactId, String ownPackage) {
        this.artifactId = artifactId;
        this.ownPackage = ownPackage;
    }

    String artifactId() {
        return artifactId;
    }

    /** The root of the bundle's packages. */
    String ownPackage() {
        return ownPackage;
    }

    String symbolicName() {
        return GROUP + "." + artifactId;
    }

    /** The jar the reactor built (surefire's {@code mconnect.bundle.<artifactId>}, see this module's pom). */
    Path jar() {
        return Path.of(KarafBuild.property("mconnect.bundle." + artifactId));
    }

    /** The module's target folder in this source tree. */
    Path moduleTarget() {
        return Path.of(KarafBuild.property("mconnect.modules.dir")).resolve(artifactId).resolve("target");
    }

    /** Whether a package is one of this bundle's own: its root or below, but not another bundle's root or below. */
    boolean owns(String packageName) {
        return within(packageName, ownPackage) && Arrays.stream(values())
                .filter(other -> other != this && other.ownPackage.startsWith(ownPackage + "."))
                .noneMatch(deeper -> within(packageName, deeper.ownPackage));
    }

    static Optional<OurBundle> of(MavenLocation location) {
        return Arrays.stream(values())
                .filter(bundle -> GROUP.equals(location.groupId()) && bundle.artifactId.equals(location.artifactId()))
                .findFirst();
    }

    private static boolean within(String packageName, String root) {
        return packageName.equals(root) || packageName.startsWith(root + ".");
    }
}
