package org.mconnectevents.camel.quarkus.deployment;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the event types an application produces in its routes, at build time, without running them: the
 * {@code mconnect-events:} endpoint URIs written as string constants in its classes (Java DSL) and in its route
 * resources (YAML or XML DSL, a URI written in one piece), each with its {@code source} and {@code type} options, or
 * the component's defaults for those missing. Property placeholders ({@code {{name}}}, {@code {{name:default}}}) are
 * resolved from the configuration; a URI whose source or type stays unknown is not counted.
 */
final class RouteEndpointScanner {

    private static final String SCHEME = "mconnect-events:";
    private static final Pattern URI_IN_TEXT = Pattern.compile("mconnect-events:[^\\s\"'<>]+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}:]+)(?::([^}]*))?}}");

    private final Function<String, Optional<String>> configuration;
    private final String defaultSource;
    private final String defaultType;
    private final Set<ProducedEventType> found = new LinkedHashSet<>();

    /**
     * @param configuration the application's configuration, for placeholders
     * @param defaultSource the component's {@code source} option, or {@code null}
     * @param defaultType   the component's {@code type} option, or {@code null}
     */
    RouteEndpointScanner(Function<String, Optional<String>> configuration, String defaultSource, String defaultType) {
        this.configuration = configuration;
        this.defaultSource = defaultSource;
        this.defaultType = defaultType;
    }

    /** Reads the string constants of one compiled class. */
    void scanClass(byte[] classFile) {
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitLdcInsn(Object value) {
                        if (value instanceof String text && text.startsWith(SCHEME)) {
                            scanUri(text);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    }

    /** Reads a route resource (YAML, XML) as text. */
    void scanText(String text) {
        Matcher uris = URI_IN_TEXT.matcher(text);
        while (uris.find()) {
            scanUri(uris.group().replace("&amp;", "&"));
        }
    }

    /** The producing endpoints found so far (and the component's defaults, when it has both). */
    Collection<ProducedEventType> producedTypes() {
        Set<ProducedEventType> all = new LinkedHashSet<>(found);
        if (defaultSource != null && defaultType != null) {
            all.add(new ProducedEventType(defaultSource, defaultType));
        }
        return all;
    }

    private void scanUri(String uri) {
        String resolved = resolvePlaceholders(uri);
        if (resolved == null) {
            return;
        }
        Map<String, String> options = queryOptions(resolved);
        String source = options.getOrDefault("source", defaultSource);
        String type = options.getOrDefault("type", defaultType);
        boolean namesWhatItProduces = options.containsKey("source") || options.containsKey("type");
        if (namesWhatItProduces && source != null && type != null) {
            found.add(new ProducedEventType(source, type));
        }
    }

    /** The URI with its placeholders resolved, or {@code null} when one has no value. */
    private String resolvePlaceholders(String uri) {
        Matcher placeholders = PLACEHOLDER.matcher(uri);
        StringBuilder resolved = new StringBuilder();
        while (placeholders.find()) {
            Optional<String> value = configuration.apply(placeholders.group(1).trim())
                    .or(() -> Optional.ofNullable(placeholders.group(2)));
            if (value.isEmpty()) {
                return null;
            }
            placeholders.appendReplacement(resolved, Matcher.quoteReplacement(value.get()));
        }
        placeholders.appendTail(resolved);
        return resolved.toString();
    }

    private static Map<String, String> queryOptions(String uri) {
        Map<String, String> options = new LinkedHashMap<>();
        int query = uri.indexOf('?');
        if (query < 0) {
            return options;
        }
        for (String pair : uri.substring(query + 1).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                options.put(pair.substring(0, equals),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return options;
    }
}
