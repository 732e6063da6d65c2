package org.mconnectevents.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Produced events are written byte for byte as the CloudEvents SDK's JSON format writes them, whatever they hold, in the
 * media types the SDK also counts as JSON (for those it does not, such as application/vnd.x+json, see JsonDataTest).
 */
class EventJsonWritingTest {

    @ParameterizedTest
    @MethodSource("events")
    void writesEveryEventAsTheSdkDoes(CloudEvent event) {
        assertThat(new String(EventCodec.toJson(event), StandardCharsets.UTF_8))
                .isEqualTo(new String(new JsonFormat().serialize(event), StandardCharsets.UTF_8));
    }

    static Stream<CloudEvent> events() throws IOException {
        return Stream.of(
                // the attributes the service knows, text that needs escaping, extensions of every kind
                event().withSubject("orders/7 \"quoted\" \\ line\nbreak caf\u00e9 \ud83d\ude00 \u0001")
                        .withTime(OffsetDateTime.of(2026, 11, 27, 10, 15, 30, 123_000_000, ZoneOffset.ofHours(2)))
                        .withDataSchema(URI.create("urn:schema:order:1"))
                        .withExtension("partitionkey", "customer:7").withExtension("priority", 3)
                        .withExtension("large", 12_345_678_901L).withExtension("urgent", true)
                        .withExtension("link", URI.create("https://example.org/a?b=c"))
                        .withExtension("seen", OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC))
                        .withExtension("raw", new byte[] {0, 1, (byte) 0xff})
                        .withDataContentType("application/json")
                        .withData("{\"order\":7,\"note\":\"caf\u00e9\",\"amount\":12.500000000000000001}".getBytes(StandardCharsets.UTF_8))
                        .build(),
                // JSON data of every shape and JSON content type, and data without a content type
                event().withDataContentType("application/json").withData("\"a JSON string\"".getBytes(StandardCharsets.UTF_8)).build(),
                event().withDataContentType("text/json").withData("[1,[2,3],{\"x\":[]}]".getBytes(StandardCharsets.UTF_8)).build(),
                event().withDataContentType("application/problem+json; charset=utf-8").withData("{}".getBytes(StandardCharsets.UTF_8)).build(),
                event().withData("{\"no\":\"content type\"}".getBytes(StandardCharsets.UTF_8)).build(),
                event().withDataContentType("application/json").withData(JsonCloudEventData.wrap(
                        new ObjectMapper().readTree("{\"held\":\"as a tree\"}"))).build(),
                // text and binary data, no data at all
                event().withDataContentType("text/plain").withData("line 1\nline 2 \u2713".getBytes(StandardCharsets.UTF_8)).build(),
                event().withDataContentType("application/octet-stream").withData(new byte[] {0, 1, 2, (byte) 0xff}).build(),
                event().build());
    }

    private static CloudEventBuilder event() {
        return CloudEventBuilder.v1().withId("order-7").withSource(URI.create("urn:test:registry")).withType("MCE.Test.Order.Created");
    }
}
