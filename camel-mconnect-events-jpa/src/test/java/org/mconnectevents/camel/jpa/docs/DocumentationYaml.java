package org.mconnectevents.camel.jpa.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import static org.assertj.core.api.Assertions.assertThat;

/** The YAML DSL examples of the building blocks' documentation, read from it and loaded into a Camel context. */
final class DocumentationYaml {

    private static final Path DOC = Path.of("src/main/docs/mconnect-events-jpa.adoc");

    private DocumentationYaml() {
    }

    /** The YAML block of a section of the documentation. */
    static String ofSection(String heading) throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int section = doc.indexOf("\n" + heading + "\n");
        int block = doc.indexOf("[source,yaml]\n----\n", section);
        assertThat(section).as(heading).isPositive();
        assertThat(block).isPositive();
        int start = block + "[source,yaml]\n----\n".length();
        return doc.substring(start, doc.indexOf("\n----\n", start));
    }

    /** Loads the routes of an example, its {@code jpa:...} business step replaced by {@code mock:applied}. */
    static void load(CamelContext context, String yaml) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("example.yaml", yaml.replace("jpa:...", "mock:applied")));
    }
}
