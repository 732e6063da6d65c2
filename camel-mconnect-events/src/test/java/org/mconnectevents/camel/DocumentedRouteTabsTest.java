package org.mconnectevents.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.model.errorhandler.DeadLetterChannelDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/**
 * The component documentation shows its routes in Java, YAML and XML tabs, as Camel's own documentation does. Each
 * YAML and XML tab is loaded by Camel's YAML DSL and XML DSL (camel-xml-io-dsl) as written, and describes the route of
 * its Java tab: the same consumer or producer endpoints, in the same order.
 */
class DocumentedRouteTabsTest {

    private static final Path DOCUMENTATION = Path.of("src/main/docs/mconnect-events-component.adoc");
    private static final Pattern TABS = Pattern.compile(
            "Java::\\n\\+\\n\\[source,java]\\n----\\n(.*?)\\n----\\n\\nYAML::\\n\\+\\n\\[source,yaml]\\n----\\n(.*?)\\n----\\n\\n"
                    + "XML::\\n\\+\\n\\[source,xml]\\n----\\n(.*?)\\n----\\n", Pattern.DOTALL);
    private static final Pattern JAVA_URI = Pattern.compile("(?:from|to|deadLetterChannel)\\(\"([^\"]+)\"\\)");

    @Test
    void everyYamlAndXmlTabIsTheRouteOfItsJavaTab() throws Exception {
        Matcher tabs = TABS.matcher(Files.readString(DOCUMENTATION));
        int routes = 0;
        while (tabs.find()) {
            List<String> java = javaUris(tabs.group(1));
            assertThat(uris(load("route.yaml", tabs.group(2)))).as("YAML tab of " + java).containsExactlyInAnyOrderElementsOf(java);
            assertThat(uris(load("route.xml", "<routes xmlns=\"http://camel.apache.org/schema/xml-io\">" + tabs.group(3)
                    + "</routes>"))).as("XML tab of " + java).containsExactlyInAnyOrderElementsOf(java);
            routes++;
        }
        assertThat(routes).as("routes shown in Java, YAML and XML tabs").isGreaterThanOrEqualTo(2);
    }

    private static List<String> javaUris(String java) {
        List<String> uris = new ArrayList<>();
        Matcher uri = JAVA_URI.matcher(java);
        while (uri.find()) {
            uris.add(normalized(uri.group(1)));
        }
        return uris;
    }

    private static RouteDefinition load(String name, String text) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString(name, text));
            List<RouteDefinition> loaded = context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions();
            assertThat(loaded).as(name).hasSize(1);
            return loaded.get(0);
        }
    }

    /** The route's endpoints: its consumer, its producers and its dead letter channel. */
    private static List<String> uris(RouteDefinition route) {
        List<String> uris = new ArrayList<>();
        uris.add(normalized(route.getInput().getEndpointUri()));
        route.getOutputs().stream().filter(step -> step instanceof ToDefinition)
                .map(step -> normalized(((ToDefinition) step).getUri())).forEach(uris::add);
        if (route.getErrorHandlerFactory() instanceof DeadLetterChannelDefinition dead) {
            uris.add(normalized(dead.getDeadLetterUri()));
        }
        return uris;
    }

    /** A URI as the YAML DSL writes its parameters: query options in alphabetical order. */
    private static String normalized(String uri) {
        int query = uri.indexOf('?');
        if (query < 0) {
            return uri;
        }
        List<String> options = new ArrayList<>(List.of(uri.substring(query + 1).split("&")));
        options.sort(null);
        return uri.substring(0, query) + "?" + String.join("&", options);
    }
}
