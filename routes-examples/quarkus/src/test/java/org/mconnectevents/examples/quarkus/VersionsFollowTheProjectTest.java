package org.mconnectevents.examples.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * This module has no parent (so that Quarkus's BOMs decide its libraries), so its own version and the versions it
 * shares with the project are written out twice. They must not drift: a stale version here would build the example
 * against an old component from the local repository instead of the one in the reactor.
 */
class VersionsFollowTheProjectTest {

    private static final Path PROJECT_POM = Path.of("..", "..", "pom.xml");
    private static final Path THIS_POM = Path.of("pom.xml");

    @Test
    void theModuleHasTheProjectsVersion() throws Exception {
        assertThat(child(root(THIS_POM), "version")).isEqualTo(child(root(PROJECT_POM), "version"));
    }

    @Test
    void everyPropertyItSharesWithTheProjectHasTheProjectsValue() throws Exception {
        Map<String, String> project = properties(root(PROJECT_POM));
        Map<String, String> module = properties(root(THIS_POM));
        module.keySet().retainAll(project.keySet());

        assertThat(module).as("properties shared with the project's pom").isNotEmpty()
                .containsKeys("cloudevents.version", "surefire-plugin.version", "compiler-plugin.version");
        module.forEach((name, value) -> assertThat(value).as(name).isEqualTo(project.get(name)));
    }

    private static Element root(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }

    private static String child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent().trim();
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    }

    private static Map<String, String> properties(Element project) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Node node = project.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals("properties")) {
                for (Node property = element.getFirstChild(); property != null; property = property.getNextSibling()) {
                    if (property instanceof Element value) {
                        properties.put(value.getTagName(), value.getTextContent().trim());
                    }
                }
            }
        }
        return properties;
    }
}
