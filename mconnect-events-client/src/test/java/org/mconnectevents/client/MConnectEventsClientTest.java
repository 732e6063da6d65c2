package org.mconnectevents.client;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.Emulator;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The protocol client on its own, without Camel: produce, consume over both transports, confirm, report dead, and the
 * end of a long-polling instance, as the service contract describes them; and a configuration error (a server
 * certificate it does not trust) told apart from an unavailable service.
 */
class MConnectEventsClientTest {

    private static final String REGISTRY = "registry";
    private static final String SOURCE = "urn:test:registry";
    private static final String ORDER_CREATED = "MCE.Test.Order.Created";

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml(String.join("\n",
            "partitions: 12",
            "pollTimeout: PT2S",
            "clients:",
            "  - name: " + REGISTRY,
            "    idno: \"1003600000010\"",
            "    produces:",
            "      - type: " + ORDER_CREATED,
            "        sources: [ \"" + SOURCE + "\" ]",
            "    consumes: [ " + ORDER_CREATED + " ]",
            ""));

    private static Vertx vertx;
    private static ClientTls tls;
    private static MConnectEventsClient client;

    @BeforeAll
    static void createClient() throws Exception {
        Emulator emulator = EMULATOR.emulator();
        vertx = Vertx.vertx();
        tls = ClientTls.keyStore(Buffer.buffer(Files.readAllBytes(emulator.clientKeyStore(REGISTRY))),
                        emulator.keyStorePassword(), null, "registry.p12")
                .trustPem(Buffer.buffer(Files.readAllBytes(emulator.trustedCertificate())));
        client = MConnectEventsClient.create(vertx, new ClientOptions(emulator.baseAddress(), tls, Duration.ofSeconds(5),
                Duration.ofSeconds(10), 2));
    }

    @AfterAll
    static void closeClient() {
        client.close();
        vertx.close();
    }

    @BeforeEach
    void emptyEmulator() {
        EMULATOR.emulator().reset();
    }

    @Test
    void aClientThatDoesNotTrustTheServerCertificateFailsWithAConfigurationErrorAndTellsItsListener() throws Exception {
        Emulator emulator = EMULATOR.emulator();
        ClientTls jvmTrustOnly = ClientTls.keyStore(Buffer.buffer(Files.readAllBytes(emulator.clientKeyStore(REGISTRY))),
                emulator.keyStorePassword(), null, "registry.p12");
        List<MConnectEventsConfigurationException> told = new CopyOnWriteArrayList<>();
        MConnectEventsClient untrusting = MConnectEventsClient.create(vertx, new ClientOptions(emulator.baseAddress(), jvmTrustOnly,
                Duration.ofSeconds(5), Duration.ofSeconds(10), 2), told::add);
        try {
            Throwable consuming = failure(untrusting.openWebSocketSession(new ConsumeOptions(true, false, false, "untrusted"),
                    new WebSocketSettings(Duration.ofSeconds(5), Duration.ofSeconds(5)), new Recorder()));
            Throwable producing = failure(untrusting.produceEvent(EventCodec.toJson(event("x", null)), "event x"));

            assertThat(List.of(consuming, producing)).allSatisfy(error -> assertThat(error)
                    .isInstanceOfSatisfying(MConnectEventsConfigurationException.class, misconfigured -> {
                        assertThat(misconfigured.getProblem()).isEqualTo(MConnectEventsConfigurationException.Problem.UNTRUSTED_SERVER_CERTIFICATE);
                        assertThat(misconfigured.isRetryable()).isFalse();
                        assertThat(misconfigured.getMessage()).contains("the server's certificate is not trusted (PKIX path");
                    }));
            assertThat(told).containsExactly((MConnectEventsConfigurationException) consuming,
                    (MConnectEventsConfigurationException) producing);
        } finally {
            untrusting.close();
        }
    }

    @Test
    void aBatchProducedIsConsumedOverWebSocketAndConfirmedCumulatively() throws Exception {
        List<CloudEvent> events = List.of(event("a", "k"), event("b", "k"), event("c", "k"));
        result(client.produceEvents(EventCodec.jsonArray(events.stream().map(EventCodec::toJson).toList()), "a batch"));

        Recorder recorder = new Recorder();
        ConsumerSession session = result(client.openWebSocketSession(new ConsumeOptions(true, false, false, "ws"),
                new WebSocketSettings(Duration.ofSeconds(5), Duration.ofSeconds(5)), recorder));
        await().atMost(10, TimeUnit.SECONDS).until(() -> recorder.events.size() == 3);
        assertThat(recorder.events).extracting(e -> e.event().getId()).containsExactly("a", "b", "c");
        assertThat(recorder.events.get(0).event().getExtension(EventCodec.OFFSET)).as("the offset is taken out of the event").isNull();
        assertThat(recorder.events.get(1).offset()).isGreaterThan(recorder.events.get(0).offset());

        result(session.confirm(recorder.events.get(2).offset()));
        await().atMost(10, TimeUnit.SECONDS).until(() -> group("ws").path("confirmed").asLong() == 3);
        result(session.close());
        assertThat(recorder.closedCause.get()).as("closed by the client: no cause").isNull();
        assertThat(recorder.closed.get()).isTrue();
    }

    @Test
    void longPollingUsesTheReturnedInstanceConfirmsReportsDeadAndDeletesTheInstance() throws Exception {
        result(client.produceEvent(EventCodec.toJson(event("lp-1", null)), "one event"));

        Recorder recorder = new Recorder();
        ConsumerSession session = result(client.openLongPollingSession(new ConsumeOptions(true, false, false, "lp"), recorder));
        await().atMost(10, TimeUnit.SECONDS).until(() -> recorder.events.size() == 1);
        ConsumedEvent received = recorder.events.get(0);
        result(session.dead(received.event()));
        result(session.confirm(received.offset()));

        assertThat(EMULATOR.emulator().deadEvents(REGISTRY)).hasSize(1);
        assertThat(EMULATOR.emulator().deadEvents(REGISTRY).get(0).path("id").asText()).isEqualTo("lp-1");
        await().atMost(10, TimeUnit.SECONDS).until(() -> group("lp").path("confirmed").asLong() == 1);

        result(session.close());
        assertThat(group("lp").path("sessions").asInt()).as("the instance was deleted").isZero();
    }

    @Test
    void aLongPollingInstanceThatIsGoneEndsTheSessionSoThatTheConsumerMakesANewOne() throws Exception {
        Recorder recorder = new Recorder();
        result(client.openLongPollingSession(new ConsumeOptions(true, false, false, "gone"), recorder));
        EMULATOR.emulator().reset();

        await().atMost(10, TimeUnit.SECONDS).until(() -> recorder.closed.get());
        assertThat(recorder.closedCause.get()).isInstanceOf(ConsumerInstanceGoneException.class);
    }

    @Test
    void aRefusedProduceIsTypedAndCarriesTheServersText() {
        CloudEvent foreign = CloudEventBuilder.v1(event("x", null)).withSource(URI.create("urn:not-ours")).build();
        Future<Void> refused = client.produceEvent(EventCodec.toJson(foreign), "event x");
        await().atMost(10, TimeUnit.SECONDS).until(refused::isComplete);
        assertThat(refused.cause()).isInstanceOfSatisfying(MConnectEventsRejectedException.class, e -> {
            assertThat(e.getStatus()).isEqualTo(401);
            assertThat(e.getServerText()).contains("urn:not-ours");
            assertThat(e.getMessage()).contains("event x", "401");
            assertThat(e.isRetryable()).isFalse();
        });
    }

    @Test
    void theServersExplanationOfAMalformedEventMayQuoteItsDataSoTheMessageCarriesItOnlyWhenShowingEventData() {
        String idnp = "2009876543210";
        // the service's JSON parser quotes the token it could not read
        BinaryEvent malformed = new BinaryEvent(Map.of("ce-specversion", "1.0", "ce-id", "malformed-1",
                "ce-source", SOURCE, "ce-type", ORDER_CREATED),
                "application/json", Buffer.buffer("{\"idnp\": x" + idnp + "}"));
        MConnectEventsClient showing = MConnectEventsClient.create(vertx, new ClientOptions(EMULATOR.emulator().baseAddress(),
                tls, Duration.ofSeconds(5), Duration.ofSeconds(10), 2, Redaction.SHOWING_EVENT_DATA));
        try {
            Future<Void> hidden = client.produceRaw(malformed, "event malformed-1");
            Future<Void> shown = showing.produceRaw(malformed, "event malformed-1");
            await().atMost(10, TimeUnit.SECONDS).until(() -> hidden.isComplete() && shown.isComplete());

            assertThat(hidden.cause()).isInstanceOfSatisfying(MConnectEventsRejectedException.class, e -> {
                assertThat(e.getStatus()).isEqualTo(400);
                assertThat(e.getServerText()).as("for the program to read").contains(idnp);
                assertThat(e.getMessage()).contains("event malformed-1", "400", "getServerText()").doesNotContain(idnp);
            });
            assertThat(shown.cause()).isInstanceOfSatisfying(MConnectEventsRejectedException.class,
                    e -> assertThat(e.getMessage()).contains("event malformed-1", "400").endsWith(e.getServerText()));
        } finally {
            showing.close();
        }
    }

    private static CloudEvent event(String id, String partitionKey) {
        CloudEventBuilder builder = CloudEventBuilder.v1().withId(id).withSource(URI.create(SOURCE))
                .withType(ORDER_CREATED).withDataContentType("application/json")
                .withData(("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
        if (partitionKey != null) {
            builder.withExtension(EventCodec.PARTITION_KEY, partitionKey);
        }
        return builder.build();
    }

    private static com.fasterxml.jackson.databind.JsonNode group(String name) {
        return EMULATOR.emulator().state().path("clients").path(REGISTRY).path("groups").path(name);
    }

    private static <T> T result(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    /** Why the future failed, once it did (within 15 s). */
    private static Throwable failure(Future<?> future) {
        await().atMost(15, TimeUnit.SECONDS).until(future::isComplete);
        assertThat(future.failed()).as("the future failed").isTrue();
        return future.cause();
    }

    private static final class Recorder implements SessionListener {
        final List<ConsumedEvent> events = new CopyOnWriteArrayList<>();
        final AtomicReference<Boolean> closed = new AtomicReference<>(false);
        final AtomicReference<Throwable> closedCause = new AtomicReference<>();
        final List<UnreadableFrameException> unreadable = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(ConsumerSession session, ConsumedEvent event) {
            events.add(event);
        }

        @Override
        public void onUnreadable(ConsumerSession session, UnreadableFrameException problem) {
            unreadable.add(problem);
        }

        @Override
        public void onClosed(Throwable cause) {
            closedCause.set(cause);
            closed.set(true);
        }
    }
}
