package org.mconnectevents.karaf.camel;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentResolver;
import org.apache.camel.support.PluginHelper;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * What the started Camel context found for {@code mconnect-events}, written as a properties file for
 * {@code KarafCamelRouteIT} to check: for each of the component, its resolver, its generated configurers and URI
 * factory, the class ({@code NAME.class}) and the bundle it was loaded from ({@code NAME.bundle}); and how many
 * times Camel's bean introspection, which sets options by reflection where no configurer serves them, was invoked
 * ({@code reflectiveCalls}). A missing piece is written as {@value #NONE}.
 */
final class DiscoveryReport {

    static final String NONE = "none";
    private static final String SCHEME = "mconnect-events";

    private DiscoveryReport() {
    }

    /** Writes the report to {@code file}, whole or not at all (the test polls for it). */
    static void write(CamelContext camel, BundleContext bundleContext, Path file)
            throws IOException, InvalidSyntaxException {
        Component component = camel.getComponent(SCHEME, false);
        Properties report = new Properties();
        describe(report, "component", component);
        describe(report, "componentResolver", PluginHelper.getComponentResolver(camel));
        describeResolverService(report, bundleContext);
        describe(report, "componentConfigurer", component == null ? null : component.getComponentPropertyConfigurer());
        describe(report, "endpointConfigurer", component == null ? null : component.getEndpointPropertyConfigurer());
        describe(report, "uriFactory", camel.getCamelContextExtension().getEndpointUriFactory(SCHEME));
        report.setProperty("reflectiveCalls",
                Long.toString(PluginHelper.getBeanIntrospection(camel).getInvokedCounter()));

        Path written = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try (Writer out = Files.newBufferedWriter(written)) {
            report.store(out, "written by EventRoutesActivator");
        }
        Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The component resolver service that {@code camel-core-osgi}'s activator registered for the scheme, through
     * which the context resolves the component: its class, and the bundle it is registered for (the component's).
     */
    private static void describeResolverService(Properties report, BundleContext bundleContext)
            throws InvalidSyntaxException {
        Collection<ServiceReference<ComponentResolver>> references =
                bundleContext.getServiceReferences(ComponentResolver.class, "(component=" + SCHEME + ")");
        if (references.isEmpty()) {
            describe(report, "componentResolverService", null, null);
            return;
        }
        ServiceReference<ComponentResolver> reference = references.iterator().next();
        try {
            describe(report, "componentResolverService", bundleContext.getService(reference).getClass(),
                    reference.getBundle());
        } finally {
            bundleContext.ungetService(reference);
        }
    }

    private static void describe(Properties report, String name, Object found) {
        Class<?> type = found == null ? null : found.getClass();
        describe(report, name, type, type == null ? null : FrameworkUtil.getBundle(type));
    }

    private static void describe(Properties report, String name, Class<?> type, Bundle bundle) {
        report.setProperty(name + ".class", type == null ? NONE : type.getName());
        report.setProperty(name + ".bundle", bundle == null ? NONE : bundle.getSymbolicName());
    }
}
