package org.mconnectevents.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.Emulator;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests made from threads that are not Vert.x's (a Camel route's threads) are answered on the one event loop their
 * connections live on, so that no answer crosses from one event loop to another before it reaches its caller.
 */
class MConnectEventsClientThreadsTest {

    private static final String REGISTRY = "registry";
    private static final String SOURCE = "urn:test:registry";
    private static final String ORDER_CREATED = "MCE.Test.Order.Created";
    private static final int CALLERS = 4;
    private static final int EVENTS_PER_CALLER = 10;

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml(String.join("\n",
            "clients:",
            "  - name: " + REGISTRY,
            "    idno: \"1003600000010\"",
            "    produces:",
            "      - type: " + ORDER_CREATED,
            "        sources: [ \"" + SOURCE + "\" ]",
            ""));

    private static Vertx vertx;
    private static MConnectEventsClient client;

    @BeforeAll
    static void createClient() throws Exception {
        Emulator emulator = EMULATOR.emulator();
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(CALLERS));
        ClientTls tls = ClientTls.keyStore(Buffer.buffer(Files.readAllBytes(emulator.clientKeyStore(REGISTRY))),
                        emulator.keyStorePassword(), null, "registry.p12")
                .trustPem(Buffer.buffer(Files.readAllBytes(emulator.trustedCertificate())));
        client = MConnectEventsClient.create(vertx, new ClientOptions(emulator.baseAddress(), tls, Duration.ofSeconds(5),
                Duration.ofSeconds(10), CALLERS));
    }

    @AfterAll
    static void closeClient() {
        client.close();
        vertx.close();
    }

    @Test
    void eventsProducedFromManyPlainThreadsAreAnsweredOnOneEventLoop() throws Exception {
        Set<String> answeredOn = ConcurrentHashMap.newKeySet();
        List<Future<Void>> produced = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            for (int caller = 0; caller < CALLERS; caller++) {
                int from = caller * EVENTS_PER_CALLER;
                produced.addAll(callers.submit(() -> produceFromThisThread(from, answeredOn)).get(10, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdown();
        }
        Future.all(produced).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(EMULATOR.emulator().state().path("produced").asInt()).isEqualTo(CALLERS * EVENTS_PER_CALLER);
        assertThat(answeredOn).hasSize(1);
        assertThat(answeredOn.iterator().next()).startsWith("vert.x-eventloop-thread-");
    }

    private static List<Future<Void>> produceFromThisThread(int from, Set<String> answeredOn) {
        List<Future<Void>> produced = new ArrayList<>();
        for (int i = from; i < from + EVENTS_PER_CALLER; i++) {
            String json = "{\"specversion\":\"1.0\",\"id\":\"order-" + i + "\",\"source\":\"" + SOURCE + "\",\"type\":\""
                    + ORDER_CREATED + "\",\"datacontenttype\":\"application/json\",\"data\":{\"order\":" + i + "}}";
            produced.add(client.produceEvent(json.getBytes(StandardCharsets.UTF_8), "event " + i)
                    .onComplete(answer -> answeredOn.add(Thread.currentThread().getName())));
        }
        return produced;
    }
}
