package org.mconnectevents.karaf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * The libraries a jar's own POM says it needs at run time ({@code groupId:artifactId} of its compile and runtime
 * dependencies that are not optional). The scope and the optional flag are read where the POM declares the
 * dependency; none of the wrapped jars inherits them from a parent.
 */
final class RequiredDependencies {

    private static final Set<String> NOT_AT_RUN_TIME = Set.of("test", "provided", "system", "import");

    private RequiredDependencies() {
    }

    static List<String> of(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Element project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
            String projectGroup = text(project, "groupId");
            if (projectGroup == null) {
                projectGroup = text(child(project, "parent"), "groupId");
            }
            List<String> required = new ArrayList<>();
            Element dependencies = child(project, "dependencies");
            for (Element dependency : dependencies == null ? List.<Element>of() : XmlElements.children(dependencies)) {
                String scope = text(dependency, "scope");
                if ("true".equals(text(dependency, "optional")) || (scope != null && NOT_AT_RUN_TIME.contains(scope))) {
                    continue;
                }
                String group = text(dependency, "groupId").replace("${project.groupId}", projectGroup);
                required.add(group + ":" + text(dependency, "artifactId"));
            }
            return required;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the dependencies of " + pom, e);
        }
    }

    private static Element child(Element parent, String name) {
        return parent == null ? null
                : XmlElements.children(parent).stream().filter(e -> name.equals(e.getLocalName())).findFirst().orElse(null);
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().trim();
    }
}
