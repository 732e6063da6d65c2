package org.mconnectevents.camel.jpa.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The relay's route template starts from {@code timer:}, so an application that depends on the building blocks alone
 * (a Camel Main application with camel-main and camel-mconnect-events-jpa) must find Camel's timer component on its
 * class path. The tests get it from their own dependencies, which is how its absence went unnoticed: this test looks
 * in a class loader of the module's runtime class path only (written by the build to
 * {@code target/runtime-classpath.txt}), where Camel resolves a component by its {@code META-INF/services} entry.
 */
class RelayRuntimeClassPathTest {

    private static final String COMPONENTS = "META-INF/services/org/apache/camel/component/";

    @Test
    void theRelaysTimerComponentIsOnTheRuntimeClassPath() throws IOException {
        try (URLClassLoader runtime = new URLClassLoader(runtimeClassPath(), ClassLoader.getPlatformClassLoader())) {
            assertThat(runtime.getResource(COMPONENTS + "mconnect-events"))
                    .as("the component itself, a check that the class path was read").isNotNull();
            assertThat(runtime.getResource(COMPONENTS + "timer"))
                    .as("camel-timer, which the relay's route template " + OutboxRelayRoutes.TEMPLATE + " starts from")
                    .isNotNull();
        }
    }

    private static URL[] runtimeClassPath() throws IOException {
        Path written = Path.of(System.getProperty("mconnect.runtime.class.path.file", "target/runtime-classpath.txt"));
        assertThat(written).as("the runtime class path the build writes before the tests").exists();
        List<URL> urls = new ArrayList<>();
        urls.add(Path.of("target/classes").toUri().toURL());
        for (String entry : Files.readString(written).strip().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }
}
