package org.mconnectevents.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.CloudEventUtils;
import io.cloudevents.rw.CloudEventContextWriter;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a 1.0 event in the JSON event format as the CloudEvents SDK's JSON format does (with its default options),
 * with two differences. JSON data is copied into place as it is: the SDK turns it into a String and a char array and
 * encodes it back to UTF-8, which is most of the cost of producing an event. And what counts as JSON data is
 * {@link JsonData}'s rule, not the SDK's (which takes {@code application/vnd.x+json} for binary data): JSON data is
 * written as {@code data}, checked first to be exactly one JSON value, so that data can never close the event's object
 * and add attributes or events of its own; any other data as {@code data_base64}. Thread-safe.
 */
final class EventJsonWriter {

    private EventJsonWriter() {
    }

    /**
     * The JSON form of a 1.0 event.
     *
     * @throws MConnectEventsRejectedException when it is not a 1.0 event (MConnect Events takes no other), or its data
     *                                         claims to be JSON and is not one JSON value
     */
    static byte[] write(CloudEvent event) {
        if (event.getSpecVersion() != SpecVersion.V1) {
            throw MConnectEventsRejectedException.beforeSending("Refused " + EventRules.name(event) + " before sending: "
                    + "specversion must be 1.0, not " + event.getSpecVersion() + ".");
        }
        byte[] data = JsonData.checkedBytes(event);
        ByteArrayBuilder out = new ByteArrayBuilder(data == null ? 256 : data.length + 256);
        try (JsonGenerator json = JsonData.FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("specversion", event.getSpecVersion().toString());
            CloudEventUtils.toContextReader(event).readContext(new Attributes(json));
            if (data != null) {
                writeData(json, out, data, event.getDataContentType());
            }
            json.writeEndObject();
        } catch (IOException | UncheckedIOException e) {
            // into memory, Jackson fails only on text it cannot encode, and it escapes even lone surrogates: unexpected
            throw new IllegalArgumentException(EventRules.name(event) + " cannot be written as JSON: "
                    + e.getClass().getSimpleName(), e);
        }
        return out.toByteArray();
    }

    /** JSON data (one value, checked) as it is; anything else in base 64, as the SDK writes it by default. */
    private static void writeData(JsonGenerator json, ByteArrayBuilder out, byte[] data, String contentType) throws IOException {
        if (JsonData.isJson(contentType)) {
            json.writeFieldName("data");
            json.writeRawValue(""); // the separator, so that the bytes can follow in the stream as the value
            json.flush();
            out.write(data);
        } else {
            json.writeFieldName("data_base64");
            json.writeBinary(data);
        }
    }

    /** The attributes, written as the SDK's JSON format writes them. */
    private record Attributes(JsonGenerator json) implements CloudEventContextWriter {

        @Override
        public CloudEventContextWriter withContextAttribute(String name, String value) {
            try {
                json.writeStringField(name, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        @Override
        public CloudEventContextWriter withContextAttribute(String name, Number value) {
            return value instanceof Integer number ? withContextAttribute(name, number) : withContextAttribute(name, value.toString());
        }

        @Override
        public CloudEventContextWriter withContextAttribute(String name, Integer value) {
            try {
                json.writeNumberField(name, value.intValue());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        @Override
        public CloudEventContextWriter withContextAttribute(String name, Boolean value) {
            try {
                json.writeBooleanField(name, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
    }
}
