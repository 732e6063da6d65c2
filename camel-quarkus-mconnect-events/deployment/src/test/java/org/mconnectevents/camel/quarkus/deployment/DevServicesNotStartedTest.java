package org.mconnectevents.camel.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** An application that names its MConnect Events gets no emulator, and its address stays its own. */
class DevServicesNotStartedTest {

    @RegisterExtension
    static final QuarkusUnitTest APPLICATION = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(CapturedBuildItems.class))
            .overrideConfigKey("camel.component.mconnect-events.base-address", "https://mconnect-events.staging.example:8443/")
            .addBuildChainCustomizer(CapturedBuildItems.recorder());

    @Test
    void noEmulatorIsStartedWhenTheBaseAddressIsSet() {
        assertThat(CapturedBuildItems.get(CapturedBuildItems.DEV_SERVICES)).isEmpty();
        assertThat(ConfigProvider.getConfig().getValue("camel.component.mconnect-events.base-address", String.class))
                .isEqualTo("https://mconnect-events.staging.example:8443/");
    }
}
