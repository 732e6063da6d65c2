package org.mconnectevents.karaf;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The packages Karaf's system bundle exports from the JDK: those the Java SE modules ({@code java.*}) of the running
 * JDK export to everyone. {@code java.*} packages themselves are never imported in OSGi, they are always delegated
 * to the JDK; the others ({@code javax.net.ssl}, {@code javax.sql}, {@code org.w3c.dom}...) are imported as usual
 * and wired to the system bundle.
 */
final class JdkPackages {

    private static final Set<String> EXPORTED = ModuleLayer.boot().modules().stream()
            .filter(module -> module.getName().startsWith("java."))
            .flatMap(module -> module.getDescriptor().exports().stream())
            .filter(exports -> !exports.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toUnmodifiableSet());

    private JdkPackages() {
    }

    static boolean isFromTheJdk(String packageName) {
        return packageName.startsWith("java.") || EXPORTED.contains(packageName);
    }
}
