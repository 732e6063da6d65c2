package org.mconnectevents.karaf;

import aQute.bnd.osgi.Analyzer;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.Jar;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.Manifest;

/**
 * The manifest Karaf's {@code wrap:} URL handler (pax-url-wrap) gives a jar, computed with bnd the same way:
 * <ul>
 * <li>a jar that already has an Export-Package or Import-Package header is left as it is, unless
 * {@code overwrite=merge}, which merges its manifest under the instructions;</li>
 * <li>otherwise bnd analyses the classes with the instructions as its properties, and with no classpath: imports get
 * no version unless an instruction gives one;</li>
 * <li>no Import-Package instruction means {@code *;resolution:=optional}: every referenced package is imported,
 * all of them optional, so the wrapped bundle always resolves and a missing package surfaces only when a class
 * that uses it is loaded;</li>
 * <li>no Export-Package instruction means every package of the jar, without a version: pax-url-wrap runs bnd's
 * Analyzer, and giving unversioned exports the Bundle-Version is something only bnd's Builder does.</li>
 * </ul>
 * This mirrors pax-swissbox-bnd's {@code BndUtils.createBundle}, which pax-url-wrap 2.6 (Karaf 4.4) calls. Camel
 * Karaf's features rely on the same behaviour: its bundles import the packages of its wrapped jars without a
 * version.
 */
final class PaxWrap {

    private PaxWrap() {
    }

    static Manifest wrap(Path jarFile, WrapLocation location) {
        try (Analyzer analyzer = new Analyzer()) {
            Jar jar = analyzer.setJar(jarFile.toFile());
            Manifest original = jar.getManifest();
            if (original != null && !location.mergesJarManifest() && isBundle(original)) {
                return original;
            }
            Properties properties = new Properties();
            properties.putAll(location.instructions());
            analyzer.setProperties(properties);
            if (original != null && location.mergesJarManifest()) {
                analyzer.mergeManifest(original);
            }
            setDefault(analyzer, Constants.IMPORT_PACKAGE, "*;resolution:=optional");
            setDefault(analyzer, Constants.EXPORT_PACKAGE, analyzer.calculateExportsFromContents(jar));
            setDefault(analyzer, Constants.BUNDLE_SYMBOLICNAME, location.jar().toString().replaceAll("[^a-zA-Z_0-9.-]", "_"));
            Manifest manifest = analyzer.calcManifest();
            if (!analyzer.getErrors().isEmpty()) {
                throw new IllegalStateException("bnd cannot wrap " + location.jar() + ": " + analyzer.getErrors());
            }
            return manifest;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot wrap " + location.jar() + " as pax-url-wrap does", e);
        }
    }

    private static boolean isBundle(Manifest manifest) {
        return manifest.getMainAttributes().getValue(Constants.EXPORT_PACKAGE) != null
                || manifest.getMainAttributes().getValue(Constants.IMPORT_PACKAGE) != null;
    }

    private static void setDefault(Analyzer analyzer, String header, String value) {
        String given = analyzer.getProperty(header);
        if (given == null || given.isBlank()) {
            analyzer.setProperty(header, value);
        }
    }
}
