package org.mconnectevents.emulator.support;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long-polling consumer the way PROTOCOL.md asks a client to behave: it creates an instance with
 * {@code POST /ce/consumers}, then uses the returned {@code Location} verbatim as the base and appends only
 * {@code /raw}, {@code /event}, {@code /events}, {@code /confirm} and {@code /dead}.
 */
public final class LongPollingClient {

    private final TestClient client;
    private final URI base;

    private LongPollingClient(TestClient client, URI base) {
        this.client = client;
        this.base = base;
    }

    /** {@code POST /ce/consumers?query}; the answer must be 201 with a {@code Location}. */
    public static LongPollingClient create(TestClient client, String query) {
        HttpResponse<String> created = createRequest(client, query);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new LongPollingClient(client, URI.create(created.headers().firstValue("Location").orElseThrow()));
    }

    /** The bare {@code POST /ce/consumers?query} exchange, whatever its answer. */
    public static HttpResponse<String> createRequest(TestClient client, String query) {
        return client.send(client.request("ce/consumers" + (query.isEmpty() ? "" : "?" + query))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** The instance's base address, as the service returned it. */
    public URI base() {
        return base;
    }

    /** {@code GET {base}/raw}, {@code /event} or {@code /events}, with an optional query such as {@code confirm=true}. */
    public HttpResponse<String> poll(String mode, String query) {
        return client.send(get(mode, query));
    }

    /** The same poll with the body as bytes (the data of {@code /raw}, byte for byte). */
    public HttpResponse<byte[]> pollBytes(String mode, String query) {
        try {
            return client.http().send(get(mode, query), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The same poll, answered later; lets a test act while the poll waits. */
    public CompletableFuture<HttpResponse<String>> pollAsync(String mode, String query) {
        return client.http().sendAsync(get(mode, query), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code POST {base}/confirm?offset=N}. */
    public HttpResponse<String> confirm(long offset) {
        return post("/confirm?offset=" + offset, HttpRequest.BodyPublishers.noBody(), Map.of());
    }

    /** {@code POST {base}/confirm} without an offset: everything read so far. */
    public HttpResponse<String> confirmAll() {
        return post("/confirm", HttpRequest.BodyPublishers.noBody(), Map.of());
    }

    /** {@code POST {base}/dead} in binary mode: the data as the body, attributes as {@code ce-} headers. */
    public HttpResponse<String> dead(Map<String, String> headers, String body) {
        return post("/dead", HttpRequest.BodyPublishers.ofString(body), headers);
    }

    /** {@code DELETE {base}}. */
    public HttpResponse<String> delete() {
        return client.send(HttpRequest.newBuilder(base).timeout(Duration.ofSeconds(30)).DELETE().build());
    }

    private HttpRequest get(String mode, String query) {
        return HttpRequest.newBuilder(append("/" + mode + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(60)).GET().build();
    }

    private HttpResponse<String> post(String suffix, HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(append(suffix)).timeout(Duration.ofSeconds(30)).POST(body);
        headers.forEach(request::header);
        return client.send(request.build());
    }

    /** The base with a suffix appended to its path, never rebuilt from parts. */
    private URI append(String suffix) {
        return URI.create(base.toString() + suffix);
    }
}
