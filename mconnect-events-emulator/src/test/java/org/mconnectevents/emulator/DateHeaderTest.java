package org.mconnectevents.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.TestClient;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.emulator.support.CloudEventJson.event;

/**
 * Every answer carries the service's clock in a {@code Date} header, as an HTTP origin server with a clock must
 * (RFC 9110, 6.6.1), refusals included: producers compare it with their own clock to keep {@code time} consistent. An
 * emulator started with a clock of its own (here ten minutes ahead) shows that clock.
 */
class DateHeaderTest {

    private static final Duration AHEAD = Duration.ofMinutes(10);

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.with(() -> Emulator.builder()
            .clock(Clock.offset(Clock.systemUTC(), AHEAD))
            .configYaml("""
                    clients:
                      - name: developer
                        idno: "1003600000009"
                        produces:
                          - type: EMU.Test.Thing.Happened
                            sources: [ "urn:emu:developer" ]
                    """));

    @Test
    void producedAndRefusedAnswersCarryTheServiceClock() {
        TestClient developer = TestClient.of(EMULATOR.emulator(), "developer");

        HttpResponse<String> stored = developer.post("/ce/produce/event", "application/cloudevents+json",
                event("urn:emu:developer", "date-1", "EMU.Test.Thing.Happened").data("{\"n\":1}").json());
        HttpResponse<String> refused = developer.post("/ce/produce/event", "application/cloudevents+json", "not json");

        assertThat(stored.statusCode()).isEqualTo(202);
        assertThat(refused.statusCode()).isEqualTo(400);
        for (HttpResponse<String> answer : new HttpResponse[] {stored, refused}) {
            Instant serviceTime = ZonedDateTime.parse(answer.headers().firstValue("Date").orElseThrow(),
                    DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            assertThat(Duration.between(Instant.now(), serviceTime)).isBetween(AHEAD.minusSeconds(5), AHEAD.plusSeconds(5));
        }
    }
}
