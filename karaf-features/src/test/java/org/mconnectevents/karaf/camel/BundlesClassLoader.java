package org.mconnectevents.karaf.camel;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;

/**
 * The Camel bundle's class loader, which also finds classes and resources in another bundle (our component's):
 * Camel reads a component's generated configurers from {@code META-INF/services/org/apache/camel/configurer/} through
 * the context's class loader, and a bundle's resources are visible only through that bundle's own class loader.
 */
final class BundlesClassLoader extends ClassLoader {

    private final ClassLoader other;

    BundlesClassLoader(ClassLoader camelBundle, ClassLoader other) {
        super(camelBundle);
        this.other = other;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        return other.loadClass(name);
    }

    @Override
    protected URL findResource(String name) {
        return other.getResource(name);
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return other.getResources(name);
    }
}
