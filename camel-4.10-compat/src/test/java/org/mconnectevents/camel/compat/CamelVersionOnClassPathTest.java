package org.mconnectevents.camel.compat;

import java.nio.file.Path;
import java.util.jar.JarFile;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the component's tests of this module run on: Camel 4.10.7 alone, and the component's jar as the build
 * packaged it, with Camel's generated metadata. If either were not so, the other tests of this module would prove
 * nothing about Camel 4.10.
 */
class CamelVersionOnClassPathTest {

    private static final String CAMEL_VERSION = "4.10.7";

    @Test
    void theRunningCamelIs4107() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            assertThat(context.getVersion()).isEqualTo(CAMEL_VERSION);
        }
    }

    @Test
    void camelsCoreSupportAndTestClassesComeFrom4107Jars() {
        for (Class<?> camelClass : new Class<?>[] {CamelContext.class, DefaultCamelContext.class, DefaultComponent.class, CamelTestSupport.class}) {
            assertThat(OurJars.locationOf(camelClass).getFileName().toString()).as(camelClass.getName()).endsWith("-" + CAMEL_VERSION + ".jar");
        }
    }

    @Test
    void theComponentIsThePackagedJarWithItsGeneratedMetadata() throws Exception {
        Path location = OurJars.component();
        assertThat(location.getFileName().toString())
                .as("the component must come from its packaged jar, not from compiled classes: run mvn verify, not mvn test")
                .matches("camel-mconnect-events-.*\\.jar");
        try (JarFile jar = new JarFile(location.toFile())) {
            assertThat(jar.getEntry("META-INF/services/org/apache/camel/component/mconnect-events")).isNotNull();
            assertThat(jar.getEntry("META-INF/services/org/apache/camel/configurer/mconnect-events-component")).isNotNull();
            assertThat(jar.getEntry("org/mconnectevents/camel/MConnectEventsComponentConfigurer.class")).isNotNull();
            assertThat(jar.getEntry("org/mconnectevents/camel/MConnectEventsEndpointUriFactory.class")).isNotNull();
        }
    }
}
