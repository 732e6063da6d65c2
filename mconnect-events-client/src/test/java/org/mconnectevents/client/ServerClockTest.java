package org.mconnectevents.client;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.Emulator;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client reads the service's clock off the {@code Date} header of its answers: against a service whose clock runs
 * ten minutes ahead, the reading says so after the first produce, and it says nothing before any answer.
 */
class ServerClockTest {

    private static final Duration AHEAD = Duration.ofMinutes(10);

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.with(() -> Emulator.builder()
            .clock(Clock.offset(Clock.systemUTC(), AHEAD))
            .configYaml("""
                    clients:
                      - name: registry
                        idno: "1003600000010"
                        produces:
                          - type: MCE.Test.Order.Created
                            sources: [ "urn:test:registry" ]
                    """));

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close();
    }

    @Test
    void theFirstAnswerShowsHowFarTheServiceClockIsAhead() throws Exception {
        Emulator emulator = EMULATOR.emulator();
        ClientTls tls = ClientTls.keyStore(Buffer.buffer(Files.readAllBytes(emulator.clientKeyStore("registry"))),
                        emulator.keyStorePassword(), null, "registry.p12")
                .trustPem(Buffer.buffer(Files.readAllBytes(emulator.trustedCertificate())));
        MConnectEventsClient client = MConnectEventsClient.create(vertx, new ClientOptions(emulator.baseAddress(), tls,
                Duration.ofSeconds(5), Duration.ofSeconds(10), 1));
        try {
            assertThat(client.serverClock().lastReading()).isEmpty();

            byte[] event = """
                    {"specversion":"1.0","id":"clock-1","source":"urn:test:registry","type":"MCE.Test.Order.Created","data":{"n":1}}
                    """.getBytes(StandardCharsets.UTF_8);
            client.produceEvent(event, "event clock-1").toCompletionStage().toCompletableFuture().get();

            assertThat(client.serverClock().lastReading()).get()
                    .satisfies(reading -> assertThat(reading.skew()).isBetween(AHEAD.minusSeconds(5), AHEAD.plusSeconds(5)));
        } finally {
            client.close();
        }
    }

    @Test
    void aReadingFollowsEveryNewDateHeaderAndIsTakenAgainWhenTheHeaderRepeats() {
        java.time.Instant start = java.time.Instant.parse("2026-12-02T20:00:00.250Z");
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now = new java.util.concurrent.atomic.AtomicReference<>(start);
        ServerClock clock = new ServerClock(new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        });

        clock.observe("Wed, 02 Dec 2026 20:00:10 GMT");
        assertThat(clock.lastReading()).get().satisfies(reading -> {
            assertThat(reading.skew()).isEqualTo(Duration.ofMillis(9_750));
            assertThat(reading.seenAt()).isEqualTo(start);
        });

        now.set(start.plusMillis(500));
        clock.observe("Wed, 02 Dec 2026 20:00:10 GMT");
        assertThat(clock.lastReading()).get().as("the same header, read again later").satisfies(reading -> {
            assertThat(reading.skew()).isEqualTo(Duration.ofMillis(9_250));
            assertThat(reading.seenAt()).isEqualTo(start.plusMillis(500));
        });

        clock.observe("Wed, 02 Dec 2026 19:59:00 GMT");
        assertThat(clock.lastReading()).get().as("a new header").satisfies(reading ->
                assertThat(reading.skew()).isEqualTo(Duration.ofMillis(-60_750)));

        clock.observe("not a date");
        assertThat(clock.lastReading()).get().as("an unreadable header changes nothing").satisfies(reading ->
                assertThat(reading.skew()).isEqualTo(Duration.ofMillis(-60_750)));
    }
}
