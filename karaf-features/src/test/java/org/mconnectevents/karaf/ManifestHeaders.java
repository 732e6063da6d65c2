package org.mconnectevents.karaf;

import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Processor;
import aQute.bnd.version.VersionRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/** The package headers of a bundle manifest, parsed with bnd's header parser (quotes, shared attributes). */
final class ManifestHeaders {

    /** One clause of Export-Package or Import-Package. */
    record PackageClause(String packageName, String version, boolean optional) {

        boolean isCamel() {
            return packageName.equals("org.apache.camel") || packageName.startsWith("org.apache.camel.");
        }

        /** The OSGi filter of this clause as an import requirement, as a Karaf feature's {@code <requirement>} states it. */
        String requirementFilter() {
            String name = "(osgi.wiring.package=" + packageName + ")";
            return version == null ? name : "(&" + name + new VersionRange(version).toFilter() + ")";
        }
    }

    private ManifestHeaders() {
    }

    static Manifest manifestOf(Path jar) {
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            Manifest manifest = jarFile.getManifest();
            return manifest == null ? new Manifest() : manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the manifest of " + jar, e);
        }
    }

    static String header(Manifest manifest, String name) {
        return manifest.getMainAttributes().getValue(name);
    }

    static List<PackageClause> exports(Manifest manifest) {
        return clauses(header(manifest, "Export-Package"));
    }

    /** The names of the packages a bundle exports (its own, when it also imports them). */
    static Set<String> exportedPackages(Manifest manifest) {
        return exports(manifest).stream().map(PackageClause::packageName).collect(Collectors.toSet());
    }

    static List<PackageClause> imports(Manifest manifest) {
        return clauses(header(manifest, "Import-Package"));
    }

    private static List<PackageClause> clauses(String header) {
        List<PackageClause> clauses = new ArrayList<>();
        if (header != null) {
            for (Map.Entry<String, Attrs> clause : new Parameters(header).entrySet()) {
                Attrs attributes = clause.getValue();
                clauses.add(new PackageClause(Processor.removeDuplicateMarker(clause.getKey()),
                        attributes.get("version"), "optional".equals(attributes.get("resolution:"))));
            }
        }
        return clauses;
    }
}
