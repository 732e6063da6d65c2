package org.mconnectevents.client;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * CloudEvents on the wire of MConnect Events: the JSON event format (one object, or an array for a batch)
 * and the HTTP binary mode ({@code ce-*} headers and the data as the body). Thread-safe.
 */
public final class EventCodec {

    /** The attribute the service adds to consumed events. */
    public static final String OFFSET = "offset";
    /** The CloudEvents partitioning extension. */
    public static final String PARTITION_KEY = "partitionkey";
    public static final String DEFAULT_DATA_CONTENT_TYPE = "application/json";

    private static final JsonFormat FORMAT = new JsonFormat();

    private EventCodec() {
    }

    /**
     * One event in the JSON event format.
     *
     * @throws MConnectEventsRejectedException when it is not a 1.0 event, or its data claims to be JSON and is not
     *                                         exactly one JSON value (see {@link JsonData})
     */
    public static byte[] toJson(CloudEvent event) {
        return EventJsonWriter.write(event);
    }

    /**
     * An event from the JSON event format (as {@link #toJson(CloudEvent)} wrote it), its data read by {@link JsonData}'s
     * rule. An {@code offset} member is kept as an extension attribute.
     *
     * @throws IllegalArgumentException or the SDK's {@code EventDeserializationException} when it is not a CloudEvent
     */
    public static CloudEvent fromJson(byte[] json) {
        CloudEvent read = ConsumedEventReader.readEvent(json);
        return read != null ? read : FORMAT.deserialize(json);
    }

    /** A batch body from events already in the JSON event format. */
    public static Buffer jsonArray(List<byte[]> events) {
        int size = 2 + events.size();
        for (byte[] event : events) {
            size += event.length;
        }
        Buffer body = Buffer.buffer(size).appendByte((byte) '[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                body.appendByte((byte) ',');
            }
            body.appendBytes(events.get(i));
        }
        return body.appendByte((byte) ']');
    }

    /** The size of a batch body holding events of these JSON sizes. */
    public static long jsonArraySize(long eventBytes, int events) {
        return eventBytes + 2 + Math.max(0, events - 1);
    }

    /**
     * A consumed event: the CloudEvent without {@code offset}, and the offset; or, when it is not a CloudEvent this
     * client can read but its offset can be read, an {@linkplain ConsumedEvent#undecoded(long, UndecodedEvent)
     * undecoded} event with that offset, which is tracked and confirmed like any other.
     *
     * @param maxEventSize the largest event, in bytes of its JSON form without the offset member the service adds; a
     *                     larger one is undecoded ("over the limit")
     * @throws UnreadableFrameException when not even the offset can be read
     */
    public static ConsumedEvent consumed(byte[] json, int maxEventSize) {
        ConsumedEvent read;
        try {
            read = ConsumedEventReader.read(json);
            if (read == null) {
                read = consumed(FORMAT.deserialize(json));
            }
        } catch (RuntimeException e) {
            // the SDK's message may quote the event: only its class is named
            return undecoded(json, "the CloudEvents JSON format refuses it (" + e.getClass().getSimpleName() + ")");
        }
        long size = json.length - offsetMemberSize(read.offset());
        if (size > maxEventSize) {
            return undecoded(json, "it is " + size + " bytes, over the limit of " + maxEventSize + " bytes per event");
        }
        return read;
    }

    /** The bytes of the member {@code "offset":"N",} the service adds to a consumed event. */
    private static int offsetMemberSize(long offset) {
        return "\"offset\":\"\",".length() + Long.toString(offset).length();
    }

    /** {@link #consumed(byte[], int)} without a size limit. */
    public static ConsumedEvent consumed(byte[] json) {
        return consumed(json, Integer.MAX_VALUE);
    }

    private static ConsumedEvent undecoded(byte[] json, String otherwise) {
        FrameScan scan = FrameScan.of(json);
        String problem = scan.problem(otherwise);
        if (scan.offset() == null) {
            throw new UnreadableFrameException("a consumed message of " + json.length + " bytes has no readable offset: "
                    + problem, json.length);
        }
        return ConsumedEvent.undecoded(scan.offset(), scan.undecoded(new String(json, StandardCharsets.UTF_8), problem));
    }

    /**
     * The consumed events of a batch ({@code application/cloudevents-batch+json}), in order; an element that is not a
     * readable event is undecoded as in {@link #consumed(byte[], int)}, and one without a readable offset goes to
     * {@code unreadable} and is left out.
     *
     * @throws UnreadableFrameException when the body is not a JSON array at all
     */
    public static List<ConsumedEvent> consumedBatch(Buffer body, int maxEventSize, Consumer<UnreadableFrameException> unreadable) {
        List<byte[]> elements;
        try {
            elements = ConsumedEventReader.arrayElements(body.getBytes());
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFrameException("a batch of consumed events of " + body.length() + " bytes is not a JSON array ("
                    + e.getClass().getSimpleName() + ")", body.length());
        }
        List<ConsumedEvent> events = new ArrayList<>(elements.size());
        for (byte[] element : elements) {
            try {
                events.add(consumed(element, maxEventSize));
            } catch (UnreadableFrameException e) {
                unreadable.accept(e);
            }
        }
        return events;
    }

    /** Consumed events of a batch, each of which must be readable. */
    public static List<ConsumedEvent> consumedBatch(Buffer body) {
        return consumedBatch(body, Integer.MAX_VALUE, e -> {
            throw e;
        });
    }

    private static ConsumedEvent consumed(CloudEvent event) {
        Object offset = event.getExtension(OFFSET);
        if (offset == null) {
            throw new IllegalArgumentException("consumed event (source=" + event.getSource() + ", id=" + event.getId()
                    + ") has no offset");
        }
        long value;
        try {
            value = offset instanceof Number number ? number.longValue() : Long.parseLong(offset.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("consumed event (source=" + event.getSource() + ", id=" + event.getId()
                    + ") has offset '" + offset + "', not an integer", e);
        }
        return new ConsumedEvent(CloudEventBuilder.v1(event).withoutExtension(OFFSET).build(), value);
    }

    /**
     * The event in HTTP binary mode: {@code ce-*} headers, content type and data. Header values are percent-encoded
     * as the CloudEvents HTTP binding asks, so that any text (other languages, line breaks, {@code %}) arrives intact.
     *
     * @throws MConnectEventsRejectedException when its data claims to be JSON and is not exactly one JSON value
     */
    public static BinaryEvent toBinary(CloudEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce-specversion", event.getSpecVersion().toString());
        headers.put("ce-id", headerValue(event.getId()));
        headers.put("ce-source", headerValue(event.getSource().toString()));
        headers.put("ce-type", headerValue(event.getType()));
        if (event.getSubject() != null) {
            headers.put("ce-subject", headerValue(event.getSubject()));
        }
        if (event.getTime() != null) {
            headers.put("ce-time", event.getTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
        if (event.getDataSchema() != null) {
            headers.put("ce-dataschema", headerValue(event.getDataSchema().toString()));
        }
        for (String name : event.getExtensionNames()) {
            Object value = event.getExtension(name);
            if (value != null && !OFFSET.equals(name)) {
                headers.put("ce-" + name, headerValue(value.toString()));
            }
        }
        String contentType = event.getDataContentType() == null ? DEFAULT_DATA_CONTENT_TYPE : event.getDataContentType();
        // JSON data must be one JSON value here too: the service would refuse anything else (400), so refuse it first
        byte[] data = JsonData.checkedBytes(event);
        if (data == null) {
            data = new byte[0];
        }
        return new BinaryEvent(headers, contentType, Buffer.buffer(data));
    }

    /**
     * A {@code ce-*} header value: the UTF-8 bytes of the text, each byte that is a space, {@code "}, {@code %} or
     * outside printable ASCII percent-encoded (CloudEvents HTTP binding, 3.1.3.2). HTTP headers carry nothing else.
     */
    static String headerValue(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '"' && c != '%') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

}
