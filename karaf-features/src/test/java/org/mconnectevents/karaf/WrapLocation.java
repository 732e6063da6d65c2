package org.mconnectevents.karaf;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pax-url-wrap location, {@code wrap:mvn:...$Header=value&Header=value}, read the way pax-url-wrap reads it: the
 * instructions after {@code $} split on {@code &}, each {@code name=value} URL-decoded; {@code overwrite=merge} is
 * not a header but the mode that merges the jar's own manifest before bnd computes the headers.
 */
record WrapLocation(MavenLocation jar, Map<String, String> instructions, boolean mergesJarManifest) {

    private static final Pattern INSTRUCTION = Pattern.compile("([a-zA-Z_0-9-]+)=(.+)");

    static boolean isWrap(String location) {
        return location.startsWith("wrap:");
    }

    static WrapLocation parse(String location) {
        String wrapped = location.substring("wrap:".length());
        int dollar = wrapped.indexOf('$');
        MavenLocation jar = MavenLocation.parse(dollar < 0 ? wrapped : wrapped.substring(0, dollar));
        Map<String, String> instructions = new LinkedHashMap<>();
        if (dollar >= 0) {
            for (String segment : wrapped.substring(dollar + 1).split("&")) {
                Matcher matcher = INSTRUCTION.matcher(segment);
                if (!matcher.matches()) {
                    throw new IllegalArgumentException("Invalid wrap instruction '" + segment + "' in " + location);
                }
                instructions.put(matcher.group(1), URLDecoder.decode(matcher.group(2), StandardCharsets.UTF_8));
            }
        }
        boolean merge = "merge".equalsIgnoreCase(instructions.remove("overwrite"));
        return new WrapLocation(jar, instructions, merge);
    }
}
