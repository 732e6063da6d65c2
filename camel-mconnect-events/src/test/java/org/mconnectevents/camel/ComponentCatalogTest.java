package org.mconnectevents.camel;

import org.apache.camel.catalog.CamelCatalog;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.tooling.model.ComponentModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tooling that lists components by name finds ours as it finds Camel's own: the jar's
 * {@code META-INF/services/org/apache/camel/component.properties} names the component and its Maven coordinates, the
 * component's service file names its class, and the catalog JSON next to that class loads into Camel's catalog
 * ({@code org.apache.camel:camel-catalog}), which then validates endpoint URIs of ours.
 */
class ComponentCatalogTest {

    private static final String COMPONENT_LIST = "META-INF/services/org/apache/camel/component.properties";

    private static Properties componentList;
    private static CamelCatalog catalog;

    @BeforeAll
    static void loadOurComponentsIntoCamelsCatalog() throws IOException {
        componentList = ourComponentList();
        catalog = new DefaultCamelCatalog();
        for (String name : componentList.getProperty("components").split(" ")) {
            String className = serviceFile("META-INF/services/org/apache/camel/component/" + name).getProperty("class");
            String json = read("META-INF/" + className.substring(0, className.lastIndexOf('.')).replace('.', '/') + "/" + name + ".json");
            catalog.addComponent(name, className, json);
        }
    }

    @Test
    void theComponentListNamesOurComponentWithItsMavenCoordinates() {
        assertThat(componentList.getProperty("components")).isEqualTo("mconnect-events");
        assertThat(componentList.getProperty("groupId")).isEqualTo("org.mconnectevents");
        assertThat(componentList.getProperty("artifactId")).isEqualTo("camel-mconnect-events");
        assertThat(componentList.getProperty("version")).isNotBlank().doesNotContain("${");
    }

    @Test
    void camelsCatalogLoadsTheComponentsJson() {
        ComponentModel model = catalog.componentModel("mconnect-events");

        assertThat(catalog.findComponentNames()).contains("mconnect-events");
        assertThat(model.getJavaType()).isEqualTo(MConnectEventsComponent.class.getName());
        assertThat(model.getSyntax()).isEqualTo("mconnect-events:channel");
        assertThat(model.getEndpointOptions()).extracting(ComponentModel.EndpointOptionModel::getName)
                .contains("channel", "group", "parallelism", "transport", "keyStorePassword");
    }

    @Test
    void aConsumerUriWithKnownOptionsIsValid() {
        EndpointValidationResult result = catalog.validateEndpointProperties("mconnect-events:events?group=g&parallelism=4");

        assertThat(result.isSuccess()).as(result.summaryErrorMessage(false)).isTrue();
    }

    @Test
    void anUnknownOptionIsReported() {
        EndpointValidationResult result = catalog.validateEndpointProperties("mconnect-events:events?group=g&paralelism=4");

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.getUnknown()).containsExactly("paralelism");
    }

    @Test
    void aValueOutsideAnOptionsEnumIsReported() {
        EndpointValidationResult result = catalog.validateEndpointProperties("mconnect-events:events?group=g&transport=sse");

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.getInvalidEnum()).containsEntry("transport", "sse");
    }

    @Test
    void aChannelOutsideTheChannelsIsReported() {
        EndpointValidationResult result = catalog.validateEndpointProperties("mconnect-events:evnts?group=g");

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.getInvalidEnum()).containsEntry("channel", "evnts");
    }

    /** Every jar may carry a component list; ours is the one naming our artifact. */
    private static Properties ourComponentList() throws IOException {
        List<Properties> lists = new ArrayList<>();
        for (URL url : Collections.list(ComponentCatalogTest.class.getClassLoader().getResources(COMPONENT_LIST))) {
            try (InputStream in = url.openStream()) {
                Properties list = new Properties();
                list.load(in);
                lists.add(list);
            }
        }
        return lists.stream().filter(list -> "camel-mconnect-events".equals(list.getProperty("artifactId"))).findFirst()
                .orElseThrow(() -> new AssertionError("No " + COMPONENT_LIST + " of camel-mconnect-events on the class path"));
    }

    private static Properties serviceFile(String resource) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(read(resource)));
        return properties;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = ComponentCatalogTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
