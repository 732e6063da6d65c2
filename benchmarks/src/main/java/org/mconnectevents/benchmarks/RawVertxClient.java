package org.mconnectevents.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import org.mconnectevents.emulator.Emulator;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The baseline: what the protocol costs with nothing of ours in between. Plain Vert.x HTTP requests with the
 * bodies written by hand, and a WebSocket that confirms every 100th offset, either read from the end of the text
 * (the least a consumer can do) or from each event decoded into a JsonObject (what an application needs).
 */
final class RawVertxClient implements AutoCloseable {

    private static final int CONFIRM_EVERY = 100;

    private final Emulator emulator;
    private final HttpClient producer;
    private final HttpClient consumer;

    RawVertxClient(Vertx vertx, Emulator emulator, int connections) {
        this.emulator = emulator;
        this.producer = vertx.createHttpClient(tls(emulator, Benchmarks.PRODUCER), new PoolOptions().setHttp1MaxSize(connections));
        this.consumer = vertx.createHttpClient(tls(emulator, Benchmarks.CONSUMER));
    }

    /** {@code POST /ce/produce/events}. */
    Future<Void> produceBatch(Buffer jsonArray) {
        return post("/ce/produce/events", "application/cloudevents-batch+json", jsonArray);
    }

    /** {@code POST /ce/produce/event}. */
    Future<Void> produceEvent(Buffer json) {
        return post("/ce/produce/event", "application/cloudevents+json", json);
    }

    private Future<Void> post(String path, String contentType, Buffer body) {
        URI base = emulator.baseAddress();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(base.getHost())
                .setPort(base.getPort()).setSsl(true).setURI(path).putHeader("Content-Type", contentType);
        return producer.request(request).compose(r -> r.send(body)).compose(response -> response.statusCode() == 202
                ? Future.succeededFuture()
                : Future.failedFuture("POST " + path + " answered " + response.statusCode()));
    }

    /**
     * Consumes {@code events} events over one WebSocket session, confirming every 100th and the last, and answers
     * the time from the first event to the last. With {@code decode}, each event is decoded into a JsonObject, as an
     * application needs it; without, only the offset is read from the end of the text.
     */
    Timing consume(int events, boolean decode) throws Exception {
        URI base = emulator.webSocketAddress();
        CompletableFuture<Timing> consumed = new CompletableFuture<>();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort())
                .setSsl(true).setURI("/ce/consume/ws").addSubProtocol("cloudevents.json");
        Timing.Recorder timing = new Timing.Recorder(events);
        WebSocket socket = consumer.webSocket(options).onSuccess(opened -> opened.textMessageHandler(message -> {
            int count = timing.received();
            String offset = decode ? new JsonObject(message).getString("offset") : offsetOf(message);
            if (count % CONFIRM_EVERY == 0 || count == events) {
                opened.writeTextMessage("confirm:" + offset);
            }
            if (count == events) {
                consumed.complete(timing.finished());
            }
        })).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            return consumed.get(5, TimeUnit.MINUTES);
        } finally {
            socket.close();
        }
    }

    /** The offset is the last member the service appends. */
    private static String offsetOf(String event) {
        int at = event.lastIndexOf("\"offset\":\"") + 10;
        return event.substring(at, event.indexOf('"', at));
    }

    private static HttpClientOptions tls(Emulator emulator, String client) {
        return new HttpClientOptions().setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(emulator.clientKeyStore(client).toString())
                        .setPassword(emulator.keyStorePassword()))
                .setTrustOptions(new PemTrustOptions().addCertPath(emulator.trustedCertificate().toString()))
                .setMaxWebSocketMessageSize(2 * 1024 * 1024);
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
