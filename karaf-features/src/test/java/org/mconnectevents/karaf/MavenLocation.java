package org.mconnectevents.karaf;

import java.nio.file.Path;

/**
 * A Karaf {@code mvn:groupId/artifactId/version[/type[/classifier]]} location, and the file Maven copied it to.
 */
record MavenLocation(String groupId, String artifactId, String version, String type, String classifier) {

    static MavenLocation parse(String location) {
        if (!location.startsWith("mvn:")) {
            throw new IllegalArgumentException("Not a mvn: location: " + location);
        }
        String[] parts = location.substring("mvn:".length()).split("/");
        if (parts.length < 3 || parts.length > 5) {
            throw new IllegalArgumentException("Expected mvn:groupId/artifactId/version[/type[/classifier]]: " + location);
        }
        return new MavenLocation(parts[0], parts[1], parts[2],
                parts.length > 3 ? parts[3] : "jar", parts.length > 4 ? parts[4] : null);
    }

    /** The file as the dependency plugin copies it with {@code prependGroupId}: {@code g.a-v[-c].type}. */
    Path fileIn(Path directory) {
        return directory.resolve(groupId + "." + artifactId + "-" + version
                + (classifier == null ? "" : "-" + classifier) + "." + type);
    }

    @Override
    public String toString() {
        return "mvn:" + groupId + "/" + artifactId + "/" + version
                + ("jar".equals(type) && classifier == null ? "" : "/" + type)
                + (classifier == null ? "" : "/" + classifier);
    }
}
