package org.mconnectevents.karaf;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** DOM reading shared by the features repository and POM readers of these checks. */
final class XmlElements {

    private XmlElements() {
    }

    /** The child elements of {@code parent}, in document order (text and comments left out). */
    static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }
}
