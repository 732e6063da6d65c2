package org.mconnectevents.camel.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.spi.Registry;

import java.util.Set;

/**
 * Finds the application's MeterRegistry in the Camel registry as camel-micrometer does, so that our meters land beside
 * Camel's own: the one named {@value #NAME}, else the only {@link CompositeMeterRegistry} (Spring Boot's, when it
 * publishes to several systems), else the only {@link MeterRegistry}.
 */
final class MeterRegistryLookup {

    /** The name camel-micrometer and Camel Main's {@code camel.metrics.*} give their registry. */
    static final String NAME = "metricsRegistry";

    private MeterRegistryLookup() {
    }

    /** The registry to use, or null when there is none, or several and none of them named or composite. */
    static MeterRegistry find(Registry registry) {
        MeterRegistry named = registry.lookupByNameAndType(NAME, MeterRegistry.class);
        if (named != null) {
            return named;
        }
        MeterRegistry composite = onlyOne(registry.findByType(CompositeMeterRegistry.class));
        return composite != null ? composite : onlyOne(registry.findByType(MeterRegistry.class));
    }

    private static <T extends MeterRegistry> MeterRegistry onlyOne(Set<T> found) {
        return found.size() == 1 ? found.iterator().next() : null;
    }
}
