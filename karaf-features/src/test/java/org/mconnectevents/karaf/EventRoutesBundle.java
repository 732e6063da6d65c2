package org.mconnectevents.karaf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.mconnectevents.karaf.camel.EventRoutesActivator;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;

/**
 * Builds, with bnd, the bundle of {@code KarafCamelRouteIT}'s routes: {@link EventRoutesActivator} and its settings,
 * as an integrator's bundle would hold them. Its imports are what bnd finds its classes use: Camel's API and Camel
 * Karaf's {@code org.apache.camel.karaf.core}, never a package of our component, which Camel must find on its own.
 */
final class EventRoutesBundle {

    static final String SYMBOLIC_NAME = "org.mconnectevents.karaf.event-routes";

    private EventRoutesBundle() {
    }

    /**
     * Writes the bundle to {@code target}.
     *
     * @param testClasses the compiled test classes, where the activator's package is
     * @param settings    the activator's settings, stored in the bundle
     */
    static Path build(Path testClasses, Properties settings, Path target) throws Exception {
        Path settingsFile = target.resolveSibling(EventRoutesActivator.SETTINGS);
        try (var out = Files.newBufferedWriter(settingsFile)) {
            settings.store(out, "written by KarafCamelRouteIT");
        }
        try (Builder builder = new Builder()) {
            builder.setProperty("Bundle-SymbolicName", SYMBOLIC_NAME);
            builder.setProperty("Bundle-Version", "1.0.0");
            builder.setProperty("Bundle-Name", "Event routes of KarafCamelRouteIT");
            builder.setProperty("Bundle-Activator", EventRoutesActivator.class.getName());
            builder.setProperty("-includeresource", EventRoutesActivator.SETTINGS + "=" + settingsFile);
            builder.setProperty("Private-Package", EventRoutesActivator.class.getPackageName());
            builder.addClasspath(testClasses.toFile());
            Jar bundle = builder.build();
            if (!builder.isOk()) {
                throw new IllegalStateException("bnd could not build the event routes bundle: " + builder.getErrors());
            }
            bundle.write(target.toFile());
        }
        return target;
    }
}
