package org.mconnectevents.camel.compat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.List;
import org.mconnectevents.camel.MConnectEventsComponent;
import org.mconnectevents.camel.jpa.outbox.OutboxRelay;

/**
 * Our jars that link against Camel, as on this module's class path (the component's and the building blocks'), and the
 * class files in them.
 */
final class OurJars {

    private OurJars() {
    }

    /** Where a class was loaded from: a jar, or a directory of classes. */
    static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no file location for " + type.getName(), e);
        }
    }

    /** The component's jar. */
    static Path component() {
        return locationOf(MConnectEventsComponent.class);
    }

    /** The building blocks' jar. */
    static Path buildingBlocks() {
        return locationOf(OutboxRelay.class);
    }

    /** Every class file of both jars, by binary name with dots ({@code org.mconnectevents.camel.Lanes}). */
    static Map<String, byte[]> classFiles() throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (Path path : List.of(component(), buildingBlocks())) {
            classes.putAll(classFiles(path));
        }
        return classes;
    }

    private static Map<String, byte[]> classFiles(Path path) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarFile jar = new JarFile(path.toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), in.readAllBytes());
                    }
                }
            }
        }
        return classes;
    }
}
