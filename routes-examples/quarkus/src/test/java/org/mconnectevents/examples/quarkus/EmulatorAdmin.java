package org.mconnectevents.examples.quarkus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The admin API of the emulator that the extension's Dev Services started for the tests, at the address they give in
 * {@code mconnect-events.devservices.admin-address}: what the service stored, delivered and confirmed, and the dead
 * events a client reported.
 */
final class EmulatorAdmin {

    /** The client of emulator.yaml the application plays. */
    static final String CLIENT = "civil-registry";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EmulatorAdmin() {
    }

    /** The JSON of {@code GET /emulator/state}. */
    static JsonNode state() {
        return get("emulator/state");
    }

    /** The dead events a client reported, as JSON. */
    static JsonNode deadEvents(String client) {
        return get("emulator/clients/" + client + "/dead");
    }

    private static JsonNode get(String path) {
        URI admin = URI.create(ConfigProvider.getConfig().getValue("mconnect-events.devservices.admin-address", String.class));
        HttpRequest request = HttpRequest.newBuilder(admin.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + request.uri(), e);
        }
    }
}
