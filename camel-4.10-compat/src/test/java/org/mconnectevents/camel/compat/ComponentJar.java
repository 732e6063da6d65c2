package org.mconnectevents.camel.compat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.mconnectevents.camel.MConnectEventsComponent;

/** The component's jar on this module's class path, and the class files in it. */
final class ComponentJar {

    private ComponentJar() {
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
    static Path path() {
        return locationOf(MConnectEventsComponent.class);
    }

    /** Every class file of the jar, by binary name with dots ({@code org.mconnectevents.camel.Lanes}). */
    static Map<String, byte[]> classFiles() throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarFile jar = new JarFile(path().toFile())) {
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
