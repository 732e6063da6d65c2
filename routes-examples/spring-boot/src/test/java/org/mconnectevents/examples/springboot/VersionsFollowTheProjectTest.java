package org.mconnectevents.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The Spring Boot modules (this example and the starter) have no parent, so that Spring Boot's BOMs decide their
 * libraries; their own version and the versions they share with the project are written out twice. They must not
 * drift: a stale version would build them against an old component from the local repository instead of the one in
 * the reactor.
 */
class VersionsFollowTheProjectTest {

    private static final Path PROJECT_POM = Path.of("..", "..", "pom.xml");
    private static final List<Path> SPRING_BOOT_POMS = List.of(Path.of("pom.xml"),
            Path.of("..", "..", "camel-mconnect-events-starter", "pom.xml"));

    @Test
    void theModulesHaveTheProjectsVersion() throws Exception {
        for (Path pom : SPRING_BOOT_POMS) {
            assertThat(child(root(pom), "version")).as(pom.toString()).isEqualTo(child(root(PROJECT_POM), "version"));
        }
    }

    @Test
    void everyPropertyTheyShareWithTheProjectHasTheProjectsValue() throws Exception {
        Map<String, String> project = properties(root(PROJECT_POM));
        for (Path pom : SPRING_BOOT_POMS) {
            Map<String, String> module = properties(root(pom));
            module.keySet().retainAll(project.keySet());

            assertThat(module).as("properties of " + pom + " shared with the project's pom")
                    .containsKeys("surefire-plugin.version", "compiler-plugin.version");
            module.forEach((name, value) -> assertThat(value).as(pom + ": " + name).isEqualTo(project.get(name)));
        }
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
