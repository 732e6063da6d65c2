package org.mconnectevents.emulator.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The console's page, script and style sheet, served from the emulator jar under {@code /console/}: a fixed list of
 * files (nothing else of the class path is reachable), read once. No network at run time: no CDN, no font.
 */
final class ConsoleResources {

    private static final String FOLDER = "/org/mconnectevents/emulator/console/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");

    private final Map<String, Buffer> contents;

    ConsoleResources() {
        Map<String, Buffer> read = new HashMap<>();
        FILES.keySet().forEach(name -> read.put(name, read(name)));
        contents = Map.copyOf(read);
    }

    /** Answers {@code /console/} and the files under it; false when the path is none of them. */
    boolean serve(String path, HttpServerResponse response) {
        if (path.equals("/") || path.equals("/console")) {
            response.setStatusCode(302).putHeader("Location", "/console/").end();
            return true;
        }
        if (!path.startsWith("/console/")) {
            return false;
        }
        String name = path.substring("/console/".length());
        if (name.isEmpty()) {
            name = "index.html";
        }
        Buffer content = contents.get(name);
        if (content == null) {
            return false;
        }
        response.putHeader("Content-Type", FILES.get(name))
                .putHeader("Cache-Control", "no-cache")
                .putHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:")
                .end(content);
        return true;
    }

    private static Buffer read(String name) {
        try (InputStream in = ConsoleResources.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException(FOLDER + name + " is missing from the emulator jar");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FOLDER + name + " from the emulator jar", e);
        }
    }
}
