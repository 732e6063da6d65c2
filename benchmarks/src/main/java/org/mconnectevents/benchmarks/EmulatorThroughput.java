package org.mconnectevents.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import org.mconnectevents.emulator.Emulator;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's end-to-end throughput: batches of 100 events of about 1 KB produced over HTTPS (a few requests
 * in flight), consumed over one WebSocket that confirms every 100 events. The client is plain Vert.x, not our
 * component, so that the figure is the emulator's.
 */
public final class EmulatorThroughput {

    private static final int BATCH = 100;
    private static final int DATA_BYTES = 1000;
    private static final int REQUESTS_IN_FLIGHT = 4;
    private static final int CONFIRM_EVERY = 100;

    private EmulatorThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        try (Emulator emulator = Emulator.builder().start()) {
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
            try {
                run(vertx, emulator, Math.max(200_000, events / 2), "warm-up");
                run(vertx, emulator, events, "measured");
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(Vertx vertx, Emulator emulator, int events, String label) throws Exception {
        int total = events / BATCH * BATCH;
        Batches batches = new Batches(total / BATCH, label);
        long batchBytes = batches.get(0).length();
        HttpClient producer = vertx.createHttpClient(tls(emulator, "demo-producer"),
                new PoolOptions().setHttp1MaxSize(REQUESTS_IN_FLIGHT));
        HttpClient consumerClient = vertx.createHttpClient(tls(emulator, "demo-consumer"));
        CompletableFuture<Long> consumed = new CompletableFuture<>();
        AtomicInteger received = new AtomicInteger();
        WebSocket socket = connect(consumerClient, emulator.webSocketAddress(), total, received, consumed)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        long start = System.nanoTime();
        AtomicLong producedAt = new AtomicLong();
        CompletableFuture<Void> produced = produceAll(producer, emulator.baseAddress(), batches, producedAt);
        produced.get(10, TimeUnit.MINUTES);
        long end = consumed.get(10, TimeUnit.MINUTES);

        double seconds = (end - start) / 1e9;
        double produceSeconds = (producedAt.get() - start) / 1e9;
        System.out.printf("emulator %-8s %,9d events (batches of %d, %,d bytes per batch): produced in %.2f s"
                        + " (%,.0f events/s), consumed end to end in %.2f s: %,.0f events/s (%.1f MB/s)%n",
                label, total, BATCH, batchBytes, produceSeconds, total / produceSeconds, seconds, total / seconds,
                total / (double) BATCH * batchBytes / seconds / 1e6);
        socket.close();
        producer.close();
        consumerClient.close();
    }

    private static Future<WebSocket> connect(HttpClient client, URI base, int total, AtomicInteger received,
                                             CompletableFuture<Long> consumed) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(base.getHost()).setPort(base.getPort()).setSsl(true)
                .setURI("/ce/consume/ws").addSubProtocol("cloudevents.json");
        return client.webSocket(options).onSuccess(socket -> socket.textMessageHandler(message -> {
            int count = received.incrementAndGet();
            if (count % CONFIRM_EVERY == 0 || count == total) {
                socket.writeTextMessage("confirm:" + offsetOf(message));
            }
            if (count == total) {
                consumed.complete(System.nanoTime());
            }
        }));
    }

    /** The offset is the last member the service appends; reading it does not need a full parse. */
    private static String offsetOf(String event) {
        int at = event.lastIndexOf("\"offset\":\"") + 10;
        return event.substring(at, event.indexOf('"', at));
    }

    private static CompletableFuture<Void> produceAll(HttpClient client, URI base, Batches batches,
                                                      AtomicLong producedAt) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(base.getHost())
                .setPort(base.getPort()).setSsl(true).setURI("/ce/produce/events")
                .putHeader("Content-Type", "application/cloudevents-batch+json");
        Runnable[] sendNext = new Runnable[1];
        sendNext[0] = () -> {
            int index = next.getAndIncrement();
            if (index >= batches.size()) {
                return;
            }
            client.request(request).compose(r -> r.send(batches.get(index))).onComplete(answer -> {
                if (answer.failed() || answer.result().statusCode() != 202) {
                    done.completeExceptionally(new IllegalStateException("batch " + index + " refused: "
                            + (answer.failed() ? answer.cause() : answer.result().statusCode())));
                    return;
                }
                if (answered.incrementAndGet() == batches.size()) {
                    producedAt.set(System.nanoTime());
                    done.complete(null);
                } else {
                    sendNext[0].run();
                }
            });
        };
        for (int i = 0; i < REQUESTS_IN_FLIGHT; i++) {
            sendNext[0].run();
        }
        return done;
    }

    /** The request bodies, written when sent (holding them all would measure the garbage collector). */
    private record Batches(int size, String run) {

        private static final String DATA = "x".repeat(DATA_BYTES - 20);

        Buffer get(int b) {
            StringBuilder body = new StringBuilder(BATCH * (DATA_BYTES + 200)).append('[');
            for (int i = 0; i < BATCH; i++) {
                int n = b * BATCH + i;
                if (i > 0) {
                    body.append(',');
                }
                body.append("{\"specversion\":\"1.0\",\"id\":\"").append(run).append('-').append(n)
                        .append("\",\"source\":\"urn:asp\",\"type\":\"ASP.RST.VP.Invalidated\",\"partitionkey\":\"idnp:")
                        .append(n % 1000).append("\",\"data\":{\"n\":").append(n).append(",\"text\":\"")
                        .append(DATA).append("\"}}");
            }
            return Buffer.buffer(body.append(']').toString());
        }
    }

    private static HttpClientOptions tls(Emulator emulator, String client) {
        return new HttpClientOptions().setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(emulator.clientKeyStore(client).toString())
                        .setPassword(emulator.keyStorePassword()))
                .setTrustOptions(new PemTrustOptions().addCertPath(emulator.trustedCertificate().toString()))
                .setMaxWebSocketMessageSize(2 * 1024 * 1024);
    }
}
