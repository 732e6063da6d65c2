package org.mconnectevents.karaf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;

/** The features file Karaf users add with {@code feature:repo-add} is a valid Karaf features repository. */
class FeaturesXmlTest {

    private static final String FEATURES_NAMESPACE_PREFIX = "http://karaf.apache.org/xmlns/features/v";

    @Test
    void validatesAgainstTheKarafSchemaOfItsNamespace() throws Exception {
        String namespace = KarafBuild.ourFeatures().namespace();
        assertThat(namespace).isEqualTo(FEATURES_NAMESPACE_PREFIX + "1.6.0");

        URL schema = schemaFromKarafFeaturesCore(namespace.substring(FEATURES_NAMESPACE_PREFIX.length()));
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(schema).newValidator()
                .validate(new StreamSource(KarafBuild.ourFeaturesFile().toFile()));
    }

    @Test
    void hasEveryBuildPropertyFilledIn() throws Exception {
        String features = Files.readString(KarafBuild.ourFeaturesFile());

        assertThat(features).doesNotContain("${").contains(KarafBuild.projectVersion());
        assertThat(KarafBuild.ourFeatures().name()).isEqualTo("camel-mconnect-events-" + KarafBuild.projectVersion());
    }

    /** Karaf ships the schema of each namespace version in its features core bundle. */
    private static URL schemaFromKarafFeaturesCore(String schemaVersion) throws Exception {
        Path featuresCore = KarafBuild.fileOf(MavenLocation.parse("mvn:org.apache.karaf.features/org.apache.karaf.features.core/"
                + KarafBuild.property("karaf.version")));
        String entry = "org/apache/karaf/features/karaf-features-" + schemaVersion + ".xsd";
        try (ZipFile jar = new ZipFile(featuresCore.toFile())) {
            assertThat(jar.getEntry(entry)).as("%s in %s", entry, featuresCore).isNotNull();
        }
        return new URL("jar:" + featuresCore.toUri() + "!/" + entry);
    }
}
