package org.mconnectevents.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.EndpointUriFactory;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata Camel's tooling generates is in the jar and complete: the catalog JSON describes every option and
 * header, the generated configurers are found (no reflection), and the component's documentation lists every
 * option and header of the catalog.
 */
class ComponentMetadataTest {

    private static final String CATALOG = "META-INF/org/mconnectevents/camel/mconnect-events.json";
    private static final Path DOCUMENTATION = Path.of("src/main/docs/mconnect-events-component.adoc");

    @Test
    void theCatalogDescribesEveryOptionAndHeader() throws Exception {
        JsonNode catalog = catalog();
        List<String> undescribed = new ArrayList<>();
        for (String section : List.of("componentProperties", "properties", "headers")) {
            catalog.get(section).fields().forEachRemaining(option -> {
                if (option.getValue().path("description").asText().isBlank()) {
                    undescribed.add(section + "." + option.getKey());
                }
            });
        }
        assertThat(undescribed).isEmpty();
        assertThat(catalog.get("properties").get("keyStorePassword").get("secret").asBoolean()).isTrue();
        assertThat(catalog.get("properties").get("trustStorePassword").get("secret").asBoolean()).isTrue();
        assertThat(catalog.get("componentProperties").has("baseAddress")).as("options settable once on the component").isTrue();
        assertThat(catalog.get("headers").has(MConnectEventsConstants.CONFIRMATION)).isTrue();
    }

    @Test
    void theDocumentationListsEveryOptionAndHeaderOfTheCatalog() throws Exception {
        String documentation = Files.readString(DOCUMENTATION);
        JsonNode catalog = catalog();
        List<String> missing = new ArrayList<>();
        catalog.get("componentProperties").fieldNames().forEachRemaining(name -> {
            if (!documentation.contains("*" + name + "*")) {
                missing.add(name);
            }
        });
        catalog.get("properties").fieldNames().forEachRemaining(name -> {
            if (!documentation.contains("*" + name + "*")) {
                missing.add(name);
            }
        });
        catalog.get("headers").fieldNames().forEachRemaining(name -> {
            if (!documentation.contains("`" + name + "`")) {
                missing.add(name);
            }
        });
        assertThat(missing).as("options and headers of the catalog missing from " + DOCUMENTATION).isEmpty();
    }

    @Test
    void camelFindsTheGeneratedConfigurersAndUriFactory() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            MConnectEventsComponent component = context.getComponent("mconnect-events", MConnectEventsComponent.class);
            PropertyConfigurer componentConfigurer = component.getComponentPropertyConfigurer();
            PropertyConfigurer endpointConfigurer = component.getEndpointPropertyConfigurer();
            assertThat(componentConfigurer.getClass().getName()).isEqualTo("org.mconnectevents.camel.MConnectEventsComponentConfigurer");
            assertThat(endpointConfigurer.getClass().getName()).isEqualTo("org.mconnectevents.camel.MConnectEventsEndpointConfigurer");
            EndpointUriFactory uriFactory = PluginHelper.getUriFactoryResolver(context).resolveFactory("mconnect-events", context);
            assertThat(uriFactory.getClass().getName()).isEqualTo("org.mconnectevents.camel.MConnectEventsEndpointUriFactory");
            String built = uriFactory.buildUri("mconnect-events", Map.of("channel", "events", "group", "registry"), false);
            assertThat(built).isEqualTo("mconnect-events:events?group=registry");
        }
    }

    private static JsonNode catalog() throws Exception {
        try (InputStream in = ComponentMetadataTest.class.getClassLoader().getResourceAsStream(CATALOG)) {
            assertThat(in).as(CATALOG + " on the class path").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }
}
