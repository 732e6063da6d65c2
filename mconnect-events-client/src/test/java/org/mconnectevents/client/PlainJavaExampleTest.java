package org.mconnectevents.client;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.Emulator;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's plain-Java example, run as written against the emulator: a Java service without Camel produces an event
 * with the protocol client, consumes it over WebSocket and confirms it. The README shows the lines between the
 * {@code example} tags of this file, and a test here fails when the two differ.
 */
class PlainJavaExampleTest {

    private static final Path README = Path.of("../README.md");

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml(String.join("\n",
            "clients:",
            "  - name: registry",
            "    idno: \"1003600000010\"",
            "    produces:",
            "      - type: MCE.Civil.Person.Registered",
            "        sources: [ \"urn:mconnect:civil-registry\" ]",
            "    consumes: [ MCE.Civil.Person.Registered ]",
            ""));

    @Test
    void producesConsumesAndConfirmsWithoutCamel() throws Exception {
        Emulator emulator = EMULATOR.emulator();
        List<String> received = new CopyOnWriteArrayList<>();

        try (Example example = new Example(emulator.baseAddress(), emulator.clientKeyStore("registry"),
                emulator.keyStorePassword(), emulator.trustedCertificate(), received)) {
            example.run();
            await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(received).hasSize(1));
            await().atMost(20, TimeUnit.SECONDS).until(() -> emulator.state().path("clients").path("registry")
                    .path("groups").path("civil-registry-audit").path("confirmed").asLong() == 1);
        }
        assertThat(received.get(0)).isEqualTo("MCE.Civil.Person.Registered from urn:mconnect:civil-registry");
    }

    @Test
    void theReadmeShowsTheExampleAsItRunsHere() throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/mconnectevents/client/PlainJavaExampleTest.java"));
        int start = source.indexOf("// tag::example[]\n") + "// tag::example[]\n".length();
        String example = source.substring(start, source.indexOf("// end::example[]", start));
        String readme = Files.readString(README, StandardCharsets.UTF_8);

        assertThat(readme).contains(example.stripIndent().strip());
    }

    /** The example's code, in a class of its own so that the README can show it as it is. */
    private static final class Example implements AutoCloseable {

        private final URI baseAddress;
        private final Path keyStore;
        private final String password;
        private final Path serviceCa;
        private final List<String> received;
        private Vertx vertx;
        private MConnectEventsClient client;

        Example(URI baseAddress, Path keyStore, String password, Path serviceCa, List<String> received) {
            this.baseAddress = baseAddress;
            this.keyStore = keyStore;
            this.password = password;
            this.serviceCa = serviceCa;
            this.received = received;
        }

        void run() throws Exception {
            // tag::example[]
            Vertx vertx = Vertx.vertx();
            ClientTls tls = ClientTls.keyStore(Buffer.buffer(Files.readAllBytes(keyStore)), password, null, "client.p12")
                    .trustPem(Buffer.buffer(Files.readAllBytes(serviceCa)));
            MConnectEventsClient client = MConnectEventsClient.create(vertx,
                    new ClientOptions(baseAddress, tls, Duration.ofSeconds(5), Duration.ofSeconds(10), 4));

            // produce: the future completes when the service has stored the event
            CloudEvent event = CloudEventBuilder.v1()
                    .withId(UUID.randomUUID().toString())
                    .withSource(URI.create("urn:mconnect:civil-registry"))
                    .withType("MCE.Civil.Person.Registered")
                    .withDataContentType("application/json")
                    .withData("{\"registration\":\"R-1\"}".getBytes(StandardCharsets.UTF_8))
                    .build();
            client.produceEvent(EventCodec.toJson(event), "event " + event.getId())
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

            // consume over WebSocket as group civil-registry-audit, confirming each event once handled
            client.openWebSocketSession(new ConsumeOptions(true, false, false, "civil-registry-audit"),
                    new WebSocketSettings(Duration.ofSeconds(30), Duration.ofSeconds(10)), new SessionListener() {
                        @Override
                        public void onEvent(ConsumerSession session, ConsumedEvent consumed) {
                            // called on a Vert.x event loop: hand long work to a thread of your own
                            received.add(consumed.event().getType() + " from " + consumed.event().getSource());
                            session.confirm(consumed.offset());
                        }

                        @Override
                        public void onUnreadable(ConsumerSession session, UnreadableFrameException problem) {
                            // a frame without an offset: skipped, the next confirmation covers it
                        }

                        @Override
                        public void onClosed(Throwable cause) {
                            // events not confirmed come again in the next session: open one after a back-off
                        }
                    });
            // end::example[]
            this.vertx = vertx;
            this.client = client;
        }

        @Override
        public void close() {
            if (client != null) {
                client.close();
            }
            if (vertx != null) {
                vertx.close();
            }
        }
    }
}
