package org.mconnectevents.camel.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.CloudEventUtils;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.rw.CloudEventContextWriter;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a 1.0 event in the JSON event format byte for byte as the CloudEvents SDK's JSON format does (with its
 * default options), but copies
 * JSON data into place as it is: the SDK turns it into a String and a char array and encodes it back to UTF-8, which
 * is most of the cost of producing an event. Other events (another specversion, data held as a JSON tree) are left
 * to the SDK. Thread-safe.
 */
final class EventJsonWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private EventJsonWriter() {
    }

    /** The event's JSON form, or null when it is left to the SDK. */
    static byte[] write(CloudEvent event) {
        CloudEventData data = event.getData();
        if (event.getSpecVersion() != SpecVersion.V1 || data instanceof JsonCloudEventData) {
            return null;
        }
        byte[] bytes = data == null ? null : data.toBytes();
        ByteArrayBuilder out = new ByteArrayBuilder(bytes == null ? 256 : bytes.length + 256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("specversion", event.getSpecVersion().toString());
            CloudEventUtils.toContextReader(event).readContext(new Attributes(json));
            if (bytes != null) {
                writeData(json, out, bytes, event.getDataContentType());
            }
            json.writeEndObject();
        } catch (IOException | UncheckedIOException e) {
            // a text Jackson cannot write (a lone surrogate...): the SDK writes it again and reports it its way
            return null;
        }
        return out.toByteArray();
    }

    /** As the SDK writes data by default: JSON as it is, anything else in base 64. */
    private static void writeData(JsonGenerator json, ByteArrayBuilder out, byte[] data, String contentType) throws IOException {
        if (ConsumedEventReader.isJsonData(contentType)) {
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
