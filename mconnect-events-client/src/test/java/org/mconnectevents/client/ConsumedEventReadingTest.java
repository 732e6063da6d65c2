package org.mconnectevents.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Consumed events read in one pass come out as the CloudEvents SDK's JSON format reads them (attributes, extensions,
 * every kind of data), with the offset apart and JSON data exactly as the service sent it; events the one-pass
 * reading does not expect are still read, or refused, as the SDK does.
 */
class ConsumedEventReadingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ATTRIBUTES = "\"specversion\":\"1.0\",\"id\":\"order-7\",\"source\":\"urn:test:registry\","
            + "\"type\":\"MCE.Test.Order.Created\"";

    @ParameterizedTest
    @ValueSource(strings = {
            // everything an event of the service carries
            "{" + ATTRIBUTES + ",\"subject\":\"orders/7\",\"time\":\"2026-11-27T10:15:30.123+02:00\",\"dataschema\":\"urn:schema:1\","
                    + "\"datacontenttype\":\"application/json\",\"partitionkey\":\"customer:7\",\"priority\":3,\"urgent\":true,"
                    + "\"data\":{\"order\":7,\"lines\":[{\"sku\":\"a\",\"qty\":2}],\"note\":\"caf\\u00e9 \\\"quoted\\\"\"},\"offset\":\"1041\"}",
            // JSON data of every shape, with and without a data content type
            "{" + ATTRIBUTES + ",\"data\":{\"n\":1},\"offset\":\"1\"}",
            "{" + ATTRIBUTES + ",\"datacontenttype\":\"application/json\",\"data\":\"a JSON string\",\"offset\":\"2\"}",
            "{" + ATTRIBUTES + ",\"datacontenttype\":\"application/json\",\"data\":42,\"offset\":\"3\"}",
            "{" + ATTRIBUTES + ",\"datacontenttype\":\"application/json\",\"data\":true,\"offset\":\"4\"}",
            "{" + ATTRIBUTES + ",\"datacontenttype\":\"application/json\",\"data\":null,\"offset\":\"5\"}",
            "{" + ATTRIBUTES + ",\"datacontenttype\":\"text/json\",\"data\":[1,[2,3],{\"x\":[]}],\"offset\":\"6\"}",
            "{" + ATTRIBUTES + ",\"datacontenttype\":\"application/problem+json; charset=utf-8\",\"data\":{\"n\":2},\"offset\":\"7\"}",
            // text and binary data, no data, the offset as a number, members in any order
            "{\"offset\":8,\"datacontenttype\":\"text/plain\",\"data\":\"line 1\\nline 2 \\u2713\"," + ATTRIBUTES + "}",
            "{" + ATTRIBUTES + ",\"datacontenttype\":\"application/octet-stream\",\"data_base64\":\"AAEC/w==\",\"offset\":\"9\"}",
            "{" + ATTRIBUTES + ",\"subject\":null,\"offset\":\"10\"}",
            // times in every form RFC 3339 and the SDK allow
            "{" + ATTRIBUTES + ",\"time\":\"2026-11-27T10:15:30Z\",\"offset\":\"13\"}",
            "{" + ATTRIBUTES + ",\"time\":\"2026-11-27T10:15:30.123456789-05:30\",\"offset\":\"14\"}",
            "{" + ATTRIBUTES + ",\"time\":\"2026-11-27T10:15:30.1-00:00\",\"offset\":\"15\"}",
            "{" + ATTRIBUTES + ",\"time\":\"2026-11-27t10:15:30z\",\"offset\":\"16\"}",
            "{" + ATTRIBUTES + ",\"time\":\"2026-11-27T10:15Z\",\"offset\":\"17\"}",
            "{" + ATTRIBUTES + ",\"time\":\"2024-02-29T23:59:59.999+14:00\",\"offset\":\"18\"}",
            // extensions that are an object, an array or null: the SDK takes the text of their JSON
            "{" + ATTRIBUTES + ",\"trace\":{\"span\":1, \"tags\": [\"a\", 2.50]},\"data\":{\"n\":3},\"offset\":\"11\"}",
            "{" + ATTRIBUTES + ",\"hops\":[ ],\"nothing\":null,\"offset\":\"19\"}",
            // what the one-pass reading leaves to the SDK: another specversion
            "{\"specversion\":\"0.3\",\"id\":\"order-7\",\"source\":\"urn:test:registry\",\"type\":\"MCE.Test.Order.Created\","
                    + "\"data\":{\"n\":4},\"offset\":\"12\"}",
    })
    void readsEveryEventAsTheSdkDoes(String json) throws IOException {
        ConsumedEvent read = EventCodec.consumed(json.getBytes(StandardCharsets.UTF_8));

        ConsumedEvent expected = readBySdk(json);
        assertThat(read.offset()).isEqualTo(expected.offset());
        assertSameEvent(read.event(), expected.event());
    }

    @Test
    void jsonDataArrivesAsTheServiceSentIt() {
        String data = "{ \"amount\": 12.500000000000000000001, \"id\": 123456789012345678901234567890 }";

        ConsumedEvent read = EventCodec.consumed(("{" + ATTRIBUTES + ",\"data\":" + data + ",\"offset\":\"1\"}")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(new String(read.event().getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo(data);
    }

    @Test
    void aBatchReadsEventByEventInOrder() {
        Buffer batch = Buffer.buffer("[{" + ATTRIBUTES + ",\"data\":{\"n\":1},\"offset\":\"5\"}, {" + ATTRIBUTES
                + ",\"datacontenttype\":\"text/plain\",\"data\":\"two\",\"offset\":\"6\"}]");

        List<ConsumedEvent> events = EventCodec.consumedBatch(batch);

        assertThat(events).extracting(ConsumedEvent::offset).containsExactly(5L, 6L);
        assertThat(events).extracting(event -> new String(event.event().getData().toBytes(), StandardCharsets.UTF_8))
                .containsExactly("{\"n\":1}", "two");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"specversion\":\"1.0\",\"source\":\"urn:test:registry\",\"type\":\"MCE.Test.Order.Created\",\"offset\":\"1\"}",
            "{" + ATTRIBUTES + ",\"datacontenttype\":\"text/plain\",\"data\":{\"not\":\"text\"},\"offset\":\"1\"}",
            "{" + ATTRIBUTES + ",\"data\":{\"n\":1},\"data_base64\":\"AA==\",\"offset\":\"1\"}",
            "{" + ATTRIBUTES + ",\"Upper\":\"x\",\"offset\":\"1\"}",
            "{" + ATTRIBUTES + ",\"time\":\"2026-02-30T10:15:30Z\",\"offset\":\"1\"}",
            "{" + ATTRIBUTES + ",\"time\":\"2026-11-27T10:15:30.1234567891Z\",\"offset\":\"1\"}",
            "{" + ATTRIBUTES + ",\"time\":\"2026-11-27T10:15:30+19:00\",\"offset\":\"1\"}",
            "{\"offset\":\"1\"," + ATTRIBUTES + ",\"data\":{\"n\":",
    })
    void whatTheSdkRefusesButHasAnOffsetIsAnUndecodedEventWithThatOffset(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> readBySdk(json)).isInstanceOf(RuntimeException.class);

        ConsumedEvent read = EventCodec.consumed(bytes);

        assertThat(read.isDecoded()).isFalse();
        assertThat(read.offset()).isEqualTo(1);
        assertThat(read.undecoded().text()).isEqualTo(json);
        assertThat(read.undecoded().problem()).isNotBlank().doesNotContain("MCE.Test.Order.Created").doesNotContain("text\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{" + ATTRIBUTES + ",\"data\":{\"n\":1}}",
            "{" + ATTRIBUTES + ",\"offset\":\"first\"}",
            "{" + ATTRIBUTES + ",\"data\":{\"n\":",
            "[]",
            "not JSON at all",
    })
    void whatHasNoReadableOffsetIsUnreadableAndTheMessageDoesNotQuoteIt(String json) {
        assertThatThrownBy(() -> EventCodec.consumed(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableFrameException.class)
                .hasMessageContaining("no readable offset")
                .hasMessageNotContaining("MCE.Test")
                .hasMessageNotContaining("JSON at all");
    }

    /** What the SDK's JSON format reads, with the offset taken out as the client did before reading in one pass. */
    private static ConsumedEvent readBySdk(String json) {
        CloudEvent event = new JsonFormat().deserialize(json.getBytes(StandardCharsets.UTF_8));
        Object offset = event.getExtension(EventCodec.OFFSET);
        if (offset == null) {
            throw new IllegalArgumentException("no offset");
        }
        return new ConsumedEvent(CloudEventBuilder.v1(event).withoutExtension(EventCodec.OFFSET).build(),
                Long.parseLong(offset.toString()));
    }

    private static void assertSameEvent(CloudEvent read, CloudEvent expected) throws IOException {
        assertThat(read.getSpecVersion()).isEqualTo(expected.getSpecVersion());
        assertThat(read.getAttributeNames()).containsExactlyInAnyOrderElementsOf(expected.getAttributeNames());
        for (String name : expected.getAttributeNames()) {
            assertThat(read.getAttribute(name)).as(name).isEqualTo(expected.getAttribute(name));
        }
        assertThat(read.getExtensionNames()).containsExactlyInAnyOrderElementsOf(expected.getExtensionNames());
        for (String name : expected.getExtensionNames()) {
            assertThat(read.getExtension(name)).as(name).isEqualTo(expected.getExtension(name));
        }
        if (expected.getData() == null) {
            assertThat(read.getData()).isNull();
        } else if (heldAsJson(expected.getDataContentType())) {
            assertThat(JSON.readTree(read.getData().toBytes())).isEqualTo(JSON.readTree(expected.getData().toBytes()));
        } else {
            assertThat(read.getData().toBytes()).isEqualTo(expected.getData().toBytes());
        }
    }

    /** Whether the SDK holds data of this content type as JSON (its rule, from io.cloudevents.jackson.JsonFormat). */
    private static boolean heldAsJson(String contentType) {
        return contentType == null || contentType.matches("^(application|text)\\/([a-zA-Z]+\\+)?json(;.*)*$");
    }
}
