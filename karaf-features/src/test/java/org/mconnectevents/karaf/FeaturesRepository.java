package org.mconnectevents.karaf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * A Karaf features repository as far as these checks need it: the repositories it references, and each feature's
 * name, version, the features it depends on and its bundles. Conditional sections are left out: they add bundles
 * only when another feature (a shell, a web console) is installed too, which is not the case being checked.
 */
record FeaturesRepository(String name, String namespace, List<String> repositories, List<Feature> features) {

    /** A {@code <feature>} of a repository. */
    record Feature(String name, String version, List<FeatureReference> dependencies, List<String> bundles) {
    }

    /** A {@code <feature>} named inside a feature, with its version range as written (null when none). */
    record FeatureReference(String name, String versionRange, boolean prerequisite) {
    }

    static FeaturesRepository read(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Element root = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
            List<String> repositories = new ArrayList<>();
            List<Feature> features = new ArrayList<>();
            for (Element child : XmlElements.children(root)) {
                switch (child.getLocalName()) {
                    case "repository" -> repositories.add(child.getTextContent().trim());
                    case "feature" -> features.add(feature(child));
                    default -> { /* resource repositories, capabilities: not needed here */ }
                }
            }
            return new FeaturesRepository(root.getAttribute("name"), root.getNamespaceURI(), repositories, features);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the features repository " + file, e);
        }
    }

    private static Feature feature(Element element) {
        List<FeatureReference> dependencies = new ArrayList<>();
        List<String> bundles = new ArrayList<>();
        for (Element child : XmlElements.children(element)) {
            switch (child.getLocalName()) {
                case "feature" -> dependencies.add(new FeatureReference(child.getTextContent().trim(),
                        child.hasAttribute("version") ? child.getAttribute("version") : null,
                        Boolean.parseBoolean(child.getAttribute("prerequisite"))));
                case "bundle" -> bundles.add(child.getTextContent().trim());
                default -> { /* config, conditional, capability: not needed here */ }
            }
        }
        String version = element.hasAttribute("version") ? element.getAttribute("version") : "0.0.0";
        return new Feature(element.getAttribute("name"), version, dependencies, bundles);
    }
}
