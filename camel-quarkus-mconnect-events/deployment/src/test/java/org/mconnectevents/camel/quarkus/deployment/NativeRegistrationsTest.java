package org.mconnectevents.camel.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the extension registers for a native image, read from the build items of a real build of an application that
 * has the building blocks on its class path and its key store as a {@code classpath:} resource. Native builds cannot
 * run here; this is what keeps the native configuration honest.
 */
class NativeRegistrationsTest {

    @RegisterExtension
    static final QuarkusUnitTest APPLICATION = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(CapturedBuildItems.class).addAsResource("tls/client-key-store-stand-in.txt"))
            .overrideConfigKey("camel.component.mconnect-events.key-store", "classpath:tls/client-key-store-stand-in.txt")
            .overrideConfigKey("camel.component.mconnect-events.trust-store", "/etc/mconnect/ca.crt")
            .overrideConfigKey("quarkus.mconnect-events.devservices.enabled", "false")
            .addBuildChainCustomizer(CapturedBuildItems.recorder());

    @Test
    void theFeatureIsListed() {
        assertThat(CapturedBuildItems.get(CapturedBuildItems.FEATURES)).contains("camel-mconnect-events");
    }

    @Test
    void theCloudEventsJsonFormatIsAServiceProvider() {
        assertThat(CapturedBuildItems.get(CapturedBuildItems.SERVICE_PROVIDERS))
                .contains("META-INF/services/io.cloudevents.core.format.EventFormat=io.cloudevents.jackson.JsonFormat");
    }

    @Test
    void theExceptionsRoutesNameAndTheClassesCamelBindsAreReflective() {
        assertThat(CapturedBuildItems.get(CapturedBuildItems.REFLECTIVE)).contains(
                "org.mconnectevents.client.MConnectEventsRejectedException",
                "org.mconnectevents.client.MConnectEventsUnavailableException",
                "org.mconnectevents.camel.MConnectEventsDecodeException",
                "org.mconnectevents.camel.MConnectEventsConfiguration");
    }

    @Test
    void theBuildingBlocksEntitiesAreReflectiveTheirJarsIndexedAndTheirDdlIncluded() {
        assertThat(CapturedBuildItems.get(CapturedBuildItems.REFLECTIVE)).contains(
                "org.mconnectevents.camel.jpa.outbox.OutboxEvent",
                "org.mconnectevents.camel.jpa.personaldata.PersonalDataRecord",
                "org.apache.camel.processor.idempotent.jpa.MessageProcessed");
        assertThat(CapturedBuildItems.get(CapturedBuildItems.INDEXED))
                .contains("org.mconnectevents:camel-mconnect-events-jpa", "org.apache.camel:camel-jpa");
        assertThat(CapturedBuildItems.get(CapturedBuildItems.RESOURCES)).contains(
                "org/mconnectevents/camel/jpa/outbox/outbox-postgresql.sql",
                "org/mconnectevents/camel/jpa/idempotency/message-processed-h2.sql",
                "org/mconnectevents/camel/jpa/personaldata/personal-data-record-postgresql.sql");
    }

    @Test
    void tlsMaterialOnTheClassPathIsIncludedAndFilesAreNot() {
        assertThat(CapturedBuildItems.get(CapturedBuildItems.RESOURCES))
                .contains("tls/client-key-store-stand-in.txt")
                .noneMatch(resource -> resource.contains("ca.crt"));
    }

    @Test
    void theKameletsAreIncluded() {
        assertThat(CapturedBuildItems.get(CapturedBuildItems.RESOURCES))
                .contains("kamelets/mconnect-events-sink.kamelet.yaml", "kamelets/mconnect-events-source.kamelet.yaml");
    }

    @Test
    void everyClassAndResourceTheExtensionNamesExistsSoThatARenameCannotLeaveItBehind() {
        ClassLoader application = Thread.currentThread().getContextClassLoader();

        assertThat(CapturedBuildItems.get(CapturedBuildItems.REFLECTIVE))
                .filteredOn(name -> name.startsWith("org.mconnectevents.") || name.startsWith("org.apache.camel.processor.idempotent.jpa."))
                .isNotEmpty()
                .allSatisfy(name -> assertThat(application.getResource(name.replace('.', '/') + ".class")).as(name).isNotNull());
        assertThat(CapturedBuildItems.get(CapturedBuildItems.RESOURCES))
                .filteredOn(resource -> resource.startsWith("org/mconnectevents/") || resource.startsWith("kamelets/mconnect-events"))
                .isNotEmpty()
                .allSatisfy(resource -> assertThat(application.getResource(resource)).as(resource).isNotNull());
    }

    @Test
    void noEmulatorIsStartedWhenDevServicesAreOff() {
        assertThat(CapturedBuildItems.get(CapturedBuildItems.DEV_SERVICES)).isEmpty();
    }
}
