package org.mconnectevents.karaf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * One package that a bundle imports, read from its {@code Import-Package} header, with the version range it
 * accepts ({@code null}: any version) and whether the import is optional.
 */
record PackageImport(String packageName, String versionRange, boolean optional) {

    /** The packages a bundle imports, in the order of its manifest. */
    static List<PackageImport> of(Manifest manifest) {
        List<PackageImport> imports = new ArrayList<>();
        for (String clause : clauses(manifest.getMainAttributes().getValue("Import-Package"))) {
            String[] parts = clause.split(";");
            String range = null;
            boolean optional = false;
            for (String part : parts) {
                String attribute = part.trim();
                if (attribute.startsWith("version=")) {
                    range = unquote(attribute.substring("version=".length()));
                } else if (attribute.replace(" ", "").equals("resolution:=optional")) {
                    optional = true;
                }
            }
            imports.add(new PackageImport(parts[0].trim(), range, optional));
        }
        return imports;
    }

    /** The packages a bundle exports: those it also imports are its own and resolve to itself. */
    static Set<String> exportedPackages(Manifest manifest) {
        return clauses(manifest.getMainAttributes().getValue("Export-Package")).stream()
                .map(clause -> clause.split(";")[0].trim())
                .collect(Collectors.toSet());
    }

    static Manifest manifestOf(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest();
        }
    }

    boolean isCamel() {
        return packageName.equals("org.apache.camel") || packageName.startsWith("org.apache.camel.");
    }

    /** The OSGi filter of this import's requirement, as a Karaf feature's {@code <requirement>} states it. */
    String requirementFilter() {
        String name = "(osgi.wiring.package=" + packageName + ")";
        if (versionRange == null) {
            return name;
        }
        if (!isInterval(versionRange)) {
            return "(&" + name + "(version>=" + versionRange + "))";
        }
        String[] bounds = bounds(versionRange);
        String floor = versionRange.startsWith("[") ? "(version>=" + bounds[0] + ")"
                : "(!(version<=" + bounds[0] + "))";
        String ceiling = versionRange.endsWith("]") ? "(version<=" + bounds[1] + ")"
                : "(!(version>=" + bounds[1] + "))";
        return "(&" + name + floor + ceiling + ")";
    }

    /** Whether an exported package version satisfies this import. */
    boolean accepts(String version) {
        if (versionRange == null) {
            return true;
        }
        if (!isInterval(versionRange)) {
            return compare(version, versionRange) >= 0;
        }
        String[] bounds = bounds(versionRange);
        int toFloor = compare(version, bounds[0]);
        int toCeiling = compare(version, bounds[1]);
        return (versionRange.startsWith("[") ? toFloor >= 0 : toFloor > 0)
                && (versionRange.endsWith("]") ? toCeiling <= 0 : toCeiling < 0);
    }

    private static boolean isInterval(String range) {
        return range.startsWith("[") || range.startsWith("(");
    }

    private static String[] bounds(String interval) {
        String[] bounds = interval.substring(1, interval.length() - 1).split(",");
        return new String[] {bounds[0].trim(), bounds[1].trim()};
    }

    /** Compares OSGi versions: major, minor, micro numerically, then the qualifier as text. */
    static int compare(String left, String right) {
        String[] a = left.split("\\.", 4);
        String[] b = right.split("\\.", 4);
        for (int i = 0; i < 3; i++) {
            int difference = Integer.compare(i < a.length ? Integer.parseInt(a[i]) : 0,
                    i < b.length ? Integer.parseInt(b[i]) : 0);
            if (difference != 0) {
                return difference;
            }
        }
        return (a.length > 3 ? a[3] : "").compareTo(b.length > 3 ? b[3] : "");
    }

    private static String unquote(String value) {
        return value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    /** Splits a manifest header into its clauses: at commas outside quoted values. */
    private static List<String> clauses(String header) {
        List<String> clauses = new ArrayList<>();
        if (header == null) {
            return clauses;
        }
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(clause.toString().trim());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        clauses.add(clause.toString().trim());
        return clauses;
    }
}
