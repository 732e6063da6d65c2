package org.mconnectevents.camel.quarkus.deployment;

import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.builder.BuildContext;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ServiceProviderBuildItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A build step added to a test application's build that records what the extension's steps produced, as text: the
 * classes registered for reflection, the native-image resources, the service providers, the features, the indexed
 * dependencies and the Dev Services. The build runs in Quarkus's deployment class loader and the test method in the
 * application's, so the record is kept in JDK types only, in the system properties, which both loaders share.
 */
final class CapturedBuildItems {

    static final String REFLECTIVE = "reflective";
    static final String RESOURCES = "resources";
    static final String SERVICE_PROVIDERS = "service-providers";
    static final String FEATURES = "features";
    static final String INDEXED = "indexed";
    static final String DEV_SERVICES = "dev-services";

    private static final String KEY = CapturedBuildItems.class.getName();

    private CapturedBuildItems() {
    }

    /** The customizer that adds the recording step to a test application's build chain. */
    static Consumer<BuildChainBuilder> recorder() {
        return chain -> chain.addBuildStep(CapturedBuildItems::record)
                .consumes(ReflectiveClassBuildItem.class)
                .consumes(NativeImageResourceBuildItem.class)
                .consumes(ServiceProviderBuildItem.class)
                .consumes(FeatureBuildItem.class)
                .consumes(IndexDependencyBuildItem.class)
                .consumes(DevServicesResultBuildItem.class)
                .produces(ServiceStartBuildItem.class)
                .build();
    }

    /** What the last build recorded under this name. */
    static List<String> get(String name) {
        return store().getOrDefault(name, List.of());
    }

    private static void record(BuildContext context) {
        Map<String, List<String>> store = store();
        store.clear();
        store.put(REFLECTIVE, flat(context.consumeMulti(ReflectiveClassBuildItem.class).stream()
                .map(ReflectiveClassBuildItem::getClassNames).toList()));
        store.put(RESOURCES, flat(context.consumeMulti(NativeImageResourceBuildItem.class).stream()
                .map(NativeImageResourceBuildItem::getResources).toList()));
        store.put(SERVICE_PROVIDERS, context.consumeMulti(ServiceProviderBuildItem.class).stream()
                .flatMap(item -> item.providers().stream().map(provider -> item.serviceDescriptorFile() + "=" + provider))
                .toList());
        store.put(FEATURES, context.consumeMulti(FeatureBuildItem.class).stream().map(FeatureBuildItem::getName).toList());
        store.put(INDEXED, context.consumeMulti(IndexDependencyBuildItem.class).stream()
                .map(item -> item.getGroupId() + ":" + item.getArtifactId()).toList());
        store.put(DEV_SERVICES, context.consumeMulti(DevServicesResultBuildItem.class).stream()
                .map(item -> item.getName() + " " + item.getServiceConfig()).toList());
        context.produce(new ServiceStartBuildItem("captured-build-items"));
    }

    private static List<String> flat(List<List<String>> lists) {
        List<String> all = new ArrayList<>();
        lists.forEach(all::addAll);
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> store() {
        return (Map<String, List<String>>) System.getProperties().computeIfAbsent(KEY, key -> new ConcurrentHashMap<>());
    }
}
