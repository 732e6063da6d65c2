package org.mconnectevents.camel.quarkus.deployment;

import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ExtensionSslNativeSupportBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ServiceProviderBuildItem;
import org.apache.camel.quarkus.core.deployment.spi.CamelServiceDestination;
import org.apache.camel.quarkus.core.deployment.spi.CamelServicePatternBuildItem;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.List;
import java.util.Optional;

/**
 * The build steps of the MConnect Events extension: its feature, and what a native image needs registered that
 * Quarkus and Camel Quarkus do not find by themselves. The component's own Camel services (component, configurers,
 * URI factory) are registered by Camel Quarkus from the component jar's index; this adds the rest.
 */
class MConnectEventsProcessor {

    /** The feature's name, as Camel Quarkus names its extensions' features. */
    static final String FEATURE = "camel-mconnect-events";

    /** The CloudEvents SDK's event format service, which {@code EventFormatProvider} finds through ServiceLoader. */
    static final String EVENT_FORMAT_SERVICE = "io.cloudevents.core.format.EventFormat";

    /**
     * Exceptions of the client and the component that routes name by class (onException, the dead channel's
     * classification, YAML DSL's {@code exception:} lists), so that Camel loads them by name.
     */
    static final List<String> EXCEPTIONS = List.of(
            "org.mconnectevents.client.MConnectEventsException",
            "org.mconnectevents.client.MConnectEventsRejectedException",
            "org.mconnectevents.client.MConnectEventsUnavailableException",
            "org.mconnectevents.client.MConnectEventsConfigurationException",
            "org.mconnectevents.client.ConsumerInstanceGoneException",
            "org.mconnectevents.client.UnreadableFrameException",
            "org.mconnectevents.client.UnreadableBatchException",
            "org.mconnectevents.camel.MConnectEventsDecodeException",
            "org.mconnectevents.camel.MConnectEventsDeadRefusedException");

    /**
     * Classes Camel reaches by reflection: the configuration object (the {@code configuration} option, Kamelet and
     * YAML bean properties) and the dev console (found from its service file).
     */
    static final List<String> CAMEL_REFLECTIVE = List.of(
            "org.mconnectevents.camel.MConnectEventsConfiguration",
            "org.mconnectevents.camel.MConnectEventsDevConsole");

    /** The Kamelets the component jar carries, which Camel's Kamelet loader reads as resources. */
    static final List<String> KAMELETS = List.of(
            "kamelets/mconnect-events-sink.kamelet.yaml",
            "kamelets/mconnect-events-source.kamelet.yaml");

    /** A class of the building blocks: when it is on the class path, so are their entities and DDL. */
    static final String BUILDING_BLOCKS_MARKER = "org.mconnectevents.camel.jpa.outbox.Outbox";

    /** The JPA entities of the building blocks, and camel-jpa's idempotent repository entity they use. */
    static final List<String> BUILDING_BLOCK_ENTITIES = List.of(
            "org.mconnectevents.camel.jpa.outbox.OutboxEvent",
            "org.mconnectevents.camel.jpa.personaldata.PersonalDataRecord",
            "org.apache.camel.processor.idempotent.jpa.MessageProcessed");

    /** The building blocks' DDL scripts, which {@code SqlScripts} reads from the class path. */
    static final List<String> BUILDING_BLOCK_DDL = List.of(
            "org/mconnectevents/camel/jpa/outbox/outbox-h2.sql",
            "org/mconnectevents/camel/jpa/outbox/outbox-postgresql.sql",
            "org/mconnectevents/camel/jpa/idempotency/message-processed-h2.sql",
            "org/mconnectevents/camel/jpa/idempotency/message-processed-postgresql.sql",
            "org/mconnectevents/camel/jpa/personaldata/personal-data-record-h2.sql",
            "org/mconnectevents/camel/jpa/personaldata/personal-data-record-postgresql.sql");

    /** The component's options that name TLS material, which may be {@code classpath:} resources. */
    static final List<String> TLS_OPTIONS = List.of("key-store", "trust-store", "certificate-file", "private-key-file");

    private static final String CLASSPATH = "classpath:";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** The component speaks TLS (mutual TLS to the service): a native image needs its SSL support. */
    @BuildStep
    ExtensionSslNativeSupportBuildItem sslNativeSupport() {
        return new ExtensionSslNativeSupportBuildItem(FEATURE);
    }

    @BuildStep
    ServiceProviderBuildItem eventFormats() {
        return ServiceProviderBuildItem.allProvidersFromClassPath(EVENT_FORMAT_SERVICE);
    }

    @BuildStep
    void reflectiveClasses(BuildProducer<ReflectiveClassBuildItem> reflective) {
        reflective.produce(ReflectiveClassBuildItem.builder(EXCEPTIONS.toArray(String[]::new))
                .constructors().methods().reason("mconnect-events exceptions named by class in routes").build());
        reflective.produce(ReflectiveClassBuildItem.builder(CAMEL_REFLECTIVE.toArray(String[]::new))
                .constructors().methods().fields().reason("mconnect-events classes Camel binds by reflection").build());
    }

    @BuildStep
    void camelServices(BuildProducer<CamelServicePatternBuildItem> services) {
        services.produce(new CamelServicePatternBuildItem(CamelServiceDestination.DISCOVERY, true,
                "META-INF/services/org/apache/camel/dev-console/mconnect-events"));
    }

    @BuildStep
    void kamelets(BuildProducer<NativeImageResourceBuildItem> resources) {
        resources.produce(new NativeImageResourceBuildItem(KAMELETS));
    }

    /**
     * With the building blocks on the class path: their jar and camel-jpa's are indexed, so that Hibernate ORM finds
     * their entities, which are registered for reflection with the DDL scripts as resources.
     */
    @BuildStep
    void buildingBlocks(BuildProducer<IndexDependencyBuildItem> indexed, BuildProducer<ReflectiveClassBuildItem> reflective,
                        BuildProducer<NativeImageResourceBuildItem> resources) {
        if (!QuarkusClassLoader.isClassPresentAtRuntime(BUILDING_BLOCKS_MARKER)) {
            return;
        }
        indexed.produce(new IndexDependencyBuildItem("org.mconnectevents", "camel-mconnect-events-jpa"));
        indexed.produce(new IndexDependencyBuildItem("org.apache.camel", "camel-jpa"));
        reflective.produce(ReflectiveClassBuildItem.builder(BUILDING_BLOCK_ENTITIES.toArray(String[]::new))
                .constructors().methods().fields().reason("JPA entities of the mconnect-events building blocks").build());
        resources.produce(new NativeImageResourceBuildItem(BUILDING_BLOCK_DDL));
    }

    /** TLS material given to the component as {@code classpath:} resources goes into the native image. */
    @BuildStep
    void tlsResources(BuildProducer<NativeImageResourceBuildItem> resources) {
        List<String> onClassPath = TLS_OPTIONS.stream()
                .map(option -> ConfigProvider.getConfig()
                        .getOptionalValue(MConnectEventsDevServicesProcessor.PREFIX + option, String.class))
                .flatMap(Optional::stream)
                .filter(location -> location.startsWith(CLASSPATH))
                .map(location -> location.substring(CLASSPATH.length()).replaceFirst("^/", ""))
                .toList();
        if (!onClassPath.isEmpty()) {
            resources.produce(new NativeImageResourceBuildItem(onClassPath));
        }
    }
}
