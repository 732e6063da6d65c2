package org.mconnectevents.karaf;

import aQute.bnd.version.MavenVersion;
import aQute.bnd.version.Version;
import aQute.bnd.version.VersionRange;

/**
 * Versions as Karaf and OSGi compare them. A feature version is cleaned the way Karaf cleans it
 * ({@code 0.1.0-SNAPSHOT} is {@code 0.1.0.SNAPSHOT}). In a feature dependency no version means any version, and a
 * bare version means exactly that version; a package import without a version accepts any version, a bare version
 * means "at least".
 */
final class Versions {

    private Versions() {
    }

    static Version of(String version) {
        return Version.parseVersion(MavenVersion.cleanupVersion(version));
    }

    static boolean featureVersionMatches(String featureVersion, String requested) {
        if (requested == null || requested.isBlank() || "0.0.0".equals(requested.trim())) {
            return true;
        }
        Version version = of(featureVersion);
        if (isRange(requested)) {
            return new VersionRange(requested.trim()).includes(version);
        }
        return version.equals(of(requested));
    }

    static boolean importAccepts(String importRange, String exportedVersion) {
        if (importRange == null || importRange.isBlank()) {
            return true;
        }
        return new VersionRange(importRange.trim()).includes(of(exportedVersion));
    }

    static boolean isRange(String text) {
        String trimmed = text.trim();
        return trimmed.startsWith("[") || trimmed.startsWith("(");
    }
}
