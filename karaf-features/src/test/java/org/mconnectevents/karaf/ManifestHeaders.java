package org.mconnectevents.karaf;

import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Processor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The package headers of a bundle manifest, parsed with bnd's header parser (quotes, shared attributes). */
final class ManifestHeaders {

    /** One clause of Export-Package or Import-Package. */
    record PackageClause(String packageName, String version, boolean optional) {
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
