package org.mconnectevents.soak.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The emulator's admin API (plain HTTP on loopback), as the driver uses it. */
final class EmulatorAdmin {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    EmulatorAdmin(int port) {
        this.base = URI.create("http://127.0.0.1:" + port + "/emulator/");
    }

    /** {@code GET /emulator/state}: counters per client and group. */
    JsonNode state() throws IOException {
        return get("state");
    }

    /** The dead events the client reported, each with its {@code deadreason}. */
    JsonNode deadEvents(String client) throws IOException {
        return get("clients/" + client + "/dead");
    }

    /** Replaces the faults ({@code PUT /emulator/faults}, the keys of the configuration's {@code faults}). */
    void faults(String faultsJson) throws IOException {
        send(HttpRequest.newBuilder(base.resolve("faults")).PUT(HttpRequest.BodyPublishers.ofString(faultsJson)), "faults");
    }

    /** Puts a poison event into the client's stream. */
    void injectPoison(String client, String kind, String source, String type, String id) throws IOException {
        String body = json.createObjectNode().put("poison", kind).put("source", source).put("type", type).put("id", id)
                .put("partitionKey", id).toString();
        send(HttpRequest.newBuilder(base.resolve("clients/" + client + "/inject"))
                .POST(HttpRequest.BodyPublishers.ofString(body)), "inject " + kind);
    }

    private JsonNode get(String path) throws IOException {
        return json.readTree(send(HttpRequest.newBuilder(base.resolve(path)).GET(), path));
    }

    private String send(HttpRequest.Builder request, String what) throws IOException {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException("the emulator's admin API answered " + what + " with " + response.statusCode()
                        + ": " + response.body().strip());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking the emulator's admin API for " + what, e);
        }
    }
}
