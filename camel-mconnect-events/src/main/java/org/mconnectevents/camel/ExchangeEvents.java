package org.mconnectevents.camel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.mconnectevents.client.ConsumedEvent;
import org.mconnectevents.client.EventCodec;
import org.mconnectevents.client.JsonData;
import org.mconnectevents.client.MConnectEventsRejectedException;
import org.mconnectevents.client.UndecodedEvent;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.UUID;

/**
 * Between Camel messages and CloudEvents: the headers of {@link MConnectEventsConstants} are the attributes,
 * the body is the data (or the whole event).
 */
final class ExchangeEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The exchange property keeping a generated id until its event is produced. */
    static final String GENERATED_ID = "CamelMConnectEventsGeneratedId";

    private ExchangeEvents() {
    }

    /**
     * The event an exchange produces: its body when that is a CloudEvent, else the body as data with attributes
     * from the headers and the endpoint's defaults. A missing id is generated once and kept in the header until the
     * event is produced.
     * <p>
     * On an exchange that came from an mconnect-events consumer, headers that still hold the consumed event's id,
     * time, source or type describe that event, not the new one: they are not reused (a new id is generated, the
     * endpoint's source and type options apply), so that a consume-then-produce route never sends a new event under
     * the id of the one it consumed.
     */
    static CloudEvent toCloudEvent(Exchange exchange, MConnectEventsConfiguration configuration) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        if (body instanceof CloudEvent event) {
            return event;
        }
        ConsumedEventContext consumed = exchange.getProperty(ConsumedEventContext.PROPERTY, ConsumedEventContext.class);
        CloudEvent echo = consumed == null ? null : consumed.event();
        String id = fresh(message.getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class), echo == null ? null : echo.getId());
        if (id == null || id.isEmpty()) {
            id = generatedId(exchange);
            message.setHeader(MConnectEventsConstants.CLOUD_EVENT_ID, id);
        }
        String source = header(message, MConnectEventsConstants.CLOUD_EVENT_SOURCE, configuration.getSource());
        String type = header(message, MConnectEventsConstants.CLOUD_EVENT_TYPE, configuration.getType());
        if (echo != null) {
            source = configuration.getSource() != null && echo.getSource().toString().equals(source) ? configuration.getSource() : source;
            type = configuration.getType() != null && echo.getType().equals(type) ? configuration.getType() : type;
        }
        String what = "event (source=" + source + ", id=" + id + ")";
        if (source == null || source.isBlank()) {
            throw refuse(what, "source is required: set the " + MConnectEventsConstants.CLOUD_EVENT_SOURCE
                    + " header or the endpoint's source option");
        }
        if (type == null || type.isBlank()) {
            throw refuse(what, "type is required: set the " + MConnectEventsConstants.CLOUD_EVENT_TYPE
                    + " header or the endpoint's type option");
        }
        String contentType = header(message, MConnectEventsConstants.CLOUD_EVENT_DATA_CONTENT_TYPE, EventCodec.DEFAULT_DATA_CONTENT_TYPE);
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id)
                .withSource(uri("source", source, what))
                .withType(type)
                .withDataContentType(contentType);
        String subject = message.getHeader(MConnectEventsConstants.CLOUD_EVENT_SUBJECT, String.class);
        if (subject != null) {
            builder.withSubject(subject);
        }
        Object time = message.getHeader(MConnectEventsConstants.CLOUD_EVENT_TIME);
        if (time != null && echo != null && echo.getTime() != null
                && time.equals(echo.getTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))) {
            time = null;
        }
        if (time != null) {
            builder.withTime(time(time, what));
        }
        String dataSchema = message.getHeader(MConnectEventsConstants.CLOUD_EVENT_DATA_SCHEMA, String.class);
        if (dataSchema != null && !dataSchema.isEmpty()) {
            builder.withDataSchema(uri("dataschema", dataSchema, what));
        }
        ExtensionHeaders.toEvent(message, builder, what);
        if (body != null) {
            builder.withData(data(exchange, body, contentType, what));
        }
        return builder.build();
    }

    /**
     * The id generated for the exchange's event: the one of an earlier attempt that failed, else a new one. Camel's
     * redelivery puts the message back as it was before the attempt, without the id header, so the id is also kept
     * in an exchange property until the event is produced.
     */
    private static String generatedId(Exchange exchange) {
        String id = exchange.getProperty(GENERATED_ID, String.class);
        if (id == null) {
            id = UUID.randomUUID().toString();
            exchange.setProperty(GENERATED_ID, id);
        }
        return id;
    }

    /**
     * Forgets a generated id once its event is produced: it was kept for the retries of a failed attempt only, and
     * the next event this exchange produces (after a new body, in a loop or a split) must get an id of its own.
     */
    static void produced(Exchange exchange) {
        Object generated = exchange.removeProperty(GENERATED_ID);
        if (generated != null && generated.equals(exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID))) {
            exchange.getMessage().removeHeader(MConnectEventsConstants.CLOUD_EVENT_ID);
        }
    }

    /** A header value, unless it only repeats the consumed event's (then null). */
    private static String fresh(String value, String consumedValue) {
        return value != null && value.equals(consumedValue) ? null : value;
    }

    /** Puts a consumed event on a message: attribute headers, offset, and the data or the whole event as the body. */
    static void toMessage(ConsumedEvent consumed, Message message, boolean wholeEvent) {
        CloudEvent event = consumed.event();
        message.setHeader(MConnectEventsConstants.CLOUD_EVENT_ID, event.getId());
        message.setHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE, event.getSource().toString());
        message.setHeader(MConnectEventsConstants.CLOUD_EVENT_TYPE, event.getType());
        message.setHeader(MConnectEventsConstants.CLOUD_EVENT_SPEC_VERSION, event.getSpecVersion().toString());
        String contentType = event.getDataContentType() == null ? EventCodec.DEFAULT_DATA_CONTENT_TYPE : event.getDataContentType();
        message.setHeader(MConnectEventsConstants.CLOUD_EVENT_DATA_CONTENT_TYPE, contentType);
        if (event.getSubject() != null) {
            message.setHeader(MConnectEventsConstants.CLOUD_EVENT_SUBJECT, event.getSubject());
        }
        if (event.getTime() != null) {
            message.setHeader(MConnectEventsConstants.CLOUD_EVENT_TIME, isoTime(event.getTime()));
        }
        if (event.getDataSchema() != null) {
            message.setHeader(MConnectEventsConstants.CLOUD_EVENT_DATA_SCHEMA, event.getDataSchema().toString());
        }
        ExtensionHeaders.toHeaders(event, message);
        message.setHeader(MConnectEventsConstants.OFFSET, consumed.offset());
        if (wholeEvent) {
            message.setBody(event);
        } else if (event.getData() == null) {
            message.setBody(null);
        } else if (JsonData.isJson(contentType) || contentType.regionMatches(true, 0, "text/", 0, 5)) {
            message.setBody(new String(event.getData().toBytes(), StandardCharsets.UTF_8));
        } else {
            message.setBody(event.getData().toBytes());
        }
    }

    /**
     * Puts an event the consumer could not read on a message: the text as received as the body, the offset, the
     * attributes that could be read, and why it could not be read.
     */
    static void toUndecodedMessage(ConsumedEvent consumed, Message message) {
        UndecodedEvent undecoded = consumed.undecoded();
        setIfPresent(message, MConnectEventsConstants.CLOUD_EVENT_ID, undecoded.id());
        setIfPresent(message, MConnectEventsConstants.CLOUD_EVENT_SOURCE, undecoded.source());
        setIfPresent(message, MConnectEventsConstants.CLOUD_EVENT_TYPE, undecoded.type());
        setIfPresent(message, MConnectEventsConstants.PARTITION_KEY, undecoded.partitionKey());
        message.setHeader(MConnectEventsConstants.OFFSET, consumed.offset());
        message.setHeader(MConnectEventsConstants.DECODE_PROBLEM, undecoded.problem());
        message.setBody(undecoded.text());
    }

    private static void setIfPresent(Message message, String header, String value) {
        if (value != null) {
            message.setHeader(header, value);
        }
    }

    /**
     * The time exactly as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} writes it (seconds always, the fraction
     * without trailing zeros, {@code Z} or {@code +02:00}), written by hand for years 0 to 9999 and offsets in whole
     * minutes: the formatter costs more than the rest of the message.
     */
    static String isoTime(OffsetDateTime time) {
        ZoneOffset offset = time.getOffset();
        if (time.getYear() < 0 || time.getYear() > 9999 || offset.getTotalSeconds() % 60 != 0) {
            return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        StringBuilder text = new StringBuilder(35);
        padded(text, time.getYear(), 4).append('-');
        padded(text, time.getMonthValue(), 2).append('-');
        padded(text, time.getDayOfMonth(), 2).append('T');
        padded(text, time.getHour(), 2).append(':');
        padded(text, time.getMinute(), 2).append(':');
        padded(text, time.getSecond(), 2);
        int nanos = time.getNano();
        if (nanos > 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            padded(text.append('.'), nanos, digits);
        }
        return text.append(offset.getId()).toString();
    }

    /** Appends the number with leading zeros up to {@code width} digits. */
    private static StringBuilder padded(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }

    private static String header(Message message, String name, String fallback) {
        String value = message.getHeader(name, String.class);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static URI uri(String attribute, String value, String what) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw refuse(what, attribute + " '" + value + "' is not a URI (" + e.getReason() + ")");
        }
    }

    private static OffsetDateTime time(Object time, String what) {
        if (time instanceof OffsetDateTime value) {
            return value;
        }
        if (time instanceof ZonedDateTime value) {
            return value.toOffsetDateTime();
        }
        if (time instanceof Instant value) {
            return value.atOffset(ZoneOffset.UTC);
        }
        if (time instanceof Date value) {
            return value.toInstant().atOffset(ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(time.toString());
        } catch (DateTimeParseException e) {
            throw refuse(what, "time '" + time + "' is not an RFC 3339 timestamp such as 2026-11-27T10:15:30Z");
        }
    }

    private static byte[] data(Exchange exchange, Object body, String contentType, String what) {
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (JsonData.isJson(contentType) && !(body instanceof java.io.InputStream)) {
            try {
                return JSON.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                throw refuse(what, "the body (" + body.getClass().getName() + ") cannot be written as JSON data: " + e.getOriginalMessage());
            }
        }
        byte[] converted = exchange.getContext().getTypeConverter().tryConvertTo(byte[].class, exchange, body);
        if (converted == null) {
            throw refuse(what, "the body (" + body.getClass().getName() + ") cannot be turned into data bytes for datacontenttype "
                    + contentType + "; give a String, a byte[] or a CloudEvent");
        }
        return converted;
    }

    static MConnectEventsRejectedException refuse(String what, String rule) {
        return MConnectEventsRejectedException.beforeSending("Refused " + what + " before sending: " + rule + ".");
    }
}
