package org.mconnectevents.camel.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.DefaultRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which MeterRegistry of the Camel registry the meters use: the one camel-micrometer would use. */
class MeterRegistryLookupTest {

    private final Registry registry = new DefaultRegistry();

    @Test
    void theOnlyOneWhateverItsName() {
        MeterRegistry only = new SimpleMeterRegistry();
        registry.bind("prometheusMeterRegistry", only);

        assertThat(MeterRegistryLookup.find(registry)).isSameAs(only);
    }

    @Test
    void theOneNamedMetricsRegistryAmongSeveral() {
        MeterRegistry named = new SimpleMeterRegistry();
        registry.bind("other", new SimpleMeterRegistry());
        registry.bind("metricsRegistry", named);

        assertThat(MeterRegistryLookup.find(registry)).isSameAs(named);
    }

    @Test
    void theCompositeThatPublishesToTheOthers() {
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        registry.bind("prometheus", new SimpleMeterRegistry());
        registry.bind("otlp", new SimpleMeterRegistry());
        registry.bind("composite", composite);

        assertThat(MeterRegistryLookup.find(registry)).isSameAs(composite);
    }

    @Test
    void noneAmongSeveralUnnamedOnesOrWhenThereIsNone() {
        assertThat(MeterRegistryLookup.find(registry)).isNull();

        registry.bind("one", new SimpleMeterRegistry());
        registry.bind("two", new SimpleMeterRegistry());

        assertThat(MeterRegistryLookup.find(registry)).isNull();
    }
}
