package org.mconnectevents.emulator.support;

import org.mconnectevents.emulator.Emulator;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client of the emulator that is not our component: the JDK's HTTP and WebSocket clients with the client
 * certificate the emulator minted, trusting its root CA.
 */
public final class TestClient {

    private final Emulator emulator;
    private final HttpClient http;

    private TestClient(Emulator emulator, HttpClient http) {
        this.emulator = emulator;
        this.http = http;
    }

    /** A client presenting the named client's certificate (key store with its intermediate). */
    public static TestClient of(Emulator emulator, String client) {
        return withKeyStore(emulator, emulator.clientKeyStore(client));
    }

    /** A client presenting whatever key store is given (e.g. one without the intermediate). */
    public static TestClient withKeyStore(Emulator emulator, Path keyStore) {
        return new TestClient(emulator, HttpClient.newBuilder()
                .sslContext(sslContext(emulator, keyStore))
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build());
    }

    /** The TLS context: the given key store (null for none) and the emulator's root CA as the only trust. */
    public static SSLContext sslContext(Emulator emulator, Path keyStore) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            char[] password = emulator.keyStorePassword().toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            if (keyStore != null) {
                try (InputStream in = Files.newInputStream(keyStore)) {
                    store.load(in, password);
                }
            } else {
                store.load(null, password);
            }
            keys.init(store, password);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(emulator.trustedCertificate())) {
                trust.setCertificateEntry("root", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory trusts = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trusts.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trusts.getTrustManagers(), null);
            return context;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context from " + keyStore, e);
        }
    }

    public HttpClient http() {
        return http;
    }

    /** A request builder for a path under the base address, e.g. {@code ce/produce/events}. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(emulator.baseAddress().resolve(path)).timeout(Duration.ofSeconds(60));
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POSTs a body with a content type to a path. */
    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** POSTs a batch of structured events. */
    public HttpResponse<String> produceBatch(String jsonArray) {
        return post("ce/produce/events", "application/cloudevents-batch+json", jsonArray);
    }

    /** Opens a WebSocket consumer with the {@code cloudevents.json} sub-protocol; {@code query} may be empty. */
    public RecordingWebSocket connect(String query) {
        RecordingWebSocket listener = new RecordingWebSocket();
        URI uri = emulator.webSocketAddress().resolve("ce/consume/ws" + (query.isEmpty() ? "" : "?" + query));
        CompletableFuture<WebSocket> socket = http.newWebSocketBuilder()
                .subprotocols("cloudevents.json")
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, listener);
        try {
            listener.attach(socket.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("WebSocket connection to " + uri + " failed", e);
        }
        return listener;
    }
}
