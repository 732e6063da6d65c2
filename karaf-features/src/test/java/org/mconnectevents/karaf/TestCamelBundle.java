package org.mconnectevents.karaf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;

/**
 * Builds, with bnd, the one bundle that stands in for the core bundles of Camel Karaf's {@code camel-core} feature
 * in {@code KarafCamelRouteIT}: the plain jars of Camel's core unpacked into it (so that the {@code META-INF/services}
 * files Camel looks up are in one place), their packages exported at the Camel version. Camel's components and
 * languages are not in it: the test installs them as bundles of their own, as Camel Karaf does, so that
 * {@code camel-core-osgi} discovers them as it discovers ours. It is not Camel Karaf: every package it needs from
 * outside is imported optionally ({@code *;resolution:=optional}), acceptable for a test bundle whose only task is to
 * run two routes.
 */
final class TestCamelBundle {

    static final String SYMBOLIC_NAME = "org.mconnectevents.karaf.test-camel";
    private static final String TYPE_CONVERTER_LOADERS = "META-INF/services/org/apache/camel/TypeConverterLoader";

    private TestCamelBundle() {
    }

    /**
     * Writes the bundle to {@code target}.
     *
     * @param camelJars a folder holding the plain jars of Camel's core, all of one version
     */
    static Path build(Path camelJars, String camelVersion, Path target) throws Exception {
        try (Builder builder = new Builder()) {
            builder.setProperty("Bundle-SymbolicName", SYMBOLIC_NAME);
            builder.setProperty("Bundle-Version", camelVersion);
            builder.setProperty("Bundle-Name", "Plain Camel " + camelVersion + " core for KarafCamelRouteIT");
            builder.setProperty("-includeresource", unpack(jarsIn(camelJars), target.resolveSibling("test-camel"))
                    .toString());
            // only this bundle exports Camel's core: nothing to import it from
            builder.setProperty("Export-Package", "org.apache.camel.*;version=" + camelVersion + ";-noimport:=true");
            builder.setProperty("Import-Package", "*;resolution:=optional");
            Jar bundle = builder.build();
            if (!builder.isOk()) {
                throw new IllegalStateException("bnd could not build the test Camel bundle: " + builder.getErrors());
            }
            bundle.write(target.toFile());
        }
        return target;
    }

    /**
     * Unpacks the jars into one folder. The lists of type converter loaders, one in several jars, are joined: Camel
     * reads that file once, through one class loader, and would otherwise miss the converters of all jars but one.
     */
    private static Path unpack(List<Path> jars, Path folder) throws IOException {
        for (Path jar : jars) {
            try (JarFile contents = new JarFile(jar.toFile())) {
                for (JarEntry entry : Collections.list(contents.entries())) {
                    Path file = folder.resolve(entry.getName()).normalize();
                    if (entry.isDirectory() || !file.startsWith(folder)) {
                        continue;
                    }
                    Files.createDirectories(file.getParent());
                    try (InputStream in = contents.getInputStream(entry)) {
                        if (entry.getName().equals(TYPE_CONVERTER_LOADERS) && Files.exists(file)) {
                            Files.write(file, "\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
                            Files.write(file, in.readAllBytes(), StandardOpenOption.APPEND);
                        } else {
                            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        }
        return folder;
    }

    private static List<Path> jarsIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
            if (jars.isEmpty()) {
                throw new IllegalStateException("no Camel jars in " + folder + ": run the build (mvn verify)");
            }
            return jars;
        }
    }
}
