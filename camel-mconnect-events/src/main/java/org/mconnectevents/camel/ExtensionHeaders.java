package org.mconnectevents.camel;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.camel.Message;
import org.mconnectevents.client.EventCodec;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Between the extension attributes of a CloudEvent and Camel headers, both ways. Three have headers of their own: the
 * partition key ({@link MConnectEventsConstants#PARTITION_KEY}) and the W3C trace context of the CloudEvents
 * distributed tracing extension ({@code traceparent} and {@code tracestate}, the very headers Camel's tracing writes
 * before a send and reads when a route starts). Every other one is the header
 * {@link MConnectEventsConstants#EXTENSION_PREFIX} followed by its name.
 */
final class ExtensionHeaders {

    /** The extension attributes that have headers of their own. */
    private static final Map<String, String> OWN_HEADERS = Map.of(
            EventCodec.PARTITION_KEY, MConnectEventsConstants.PARTITION_KEY,
            MConnectEventsConstants.TRACE_PARENT, MConnectEventsConstants.TRACE_PARENT,
            MConnectEventsConstants.TRACE_STATE, MConnectEventsConstants.TRACE_STATE);

    /** The attributes of CloudEvents 1.0 that are not extensions, and the offset the service adds to consumed events. */
    private static final Set<String> NOT_EXTENSIONS = Set.of("specversion", "id", "source", "type", "datacontenttype",
            "dataschema", "subject", "time", "data", "data_base64", EventCodec.OFFSET);

    private static final Pattern NAME = Pattern.compile("[a-z0-9]{1,20}");
    private static final String PREFIX = MConnectEventsConstants.EXTENSION_PREFIX;

    private ExtensionHeaders() {
    }

    /** Puts the extension attributes of a consumed event on the message, each under its header. */
    static void toHeaders(CloudEvent event, Message message) {
        for (String name : event.getExtensionNames()) {
            Object value = event.getExtension(name);
            if (value == null || NOT_EXTENSIONS.contains(name)) {
                continue;
            }
            String own = OWN_HEADERS.get(name);
            if (own != null) {
                message.setHeader(own, value.toString());
            } else {
                message.setHeader(PREFIX + name, value);
            }
        }
    }

    /**
     * Gives the event being built the extension attributes the message's headers carry.
     *
     * @param what how refusals name the event
     * @throws org.mconnectevents.client.MConnectEventsRejectedException when a prefixed header does not name an
     *                                                                    extension attribute it may set
     */
    static void toEvent(Message message, CloudEventBuilder builder, String what) {
        OWN_HEADERS.forEach((attribute, header) -> {
            String value = message.getHeader(header, String.class);
            if (value != null && !value.isEmpty()) {
                builder.withExtension(attribute, value);
            }
        });
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            String key = header.getKey();
            if (header.getValue() != null && key.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                String name = attributeName(key, what);
                Object value = header.getValue();
                if (value instanceof Boolean flag) {
                    builder.withExtension(name, flag);
                } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    builder.withExtension(name, ((Number) value).intValue());
                } else {
                    builder.withExtension(name, message.getHeader(key, String.class));
                }
            }
        }
    }

    /** The extension attribute a prefixed header names, checked: never one that has a header or a meaning of its own. */
    private static String attributeName(String header, String what) {
        String name = header.substring(PREFIX.length());
        String own = OWN_HEADERS.get(name);
        if (own != null) {
            throw ExchangeEvents.refuse(what, "header " + header + " names the attribute " + name + ", which has a header of its own: "
                    + "set " + own);
        }
        if (NOT_EXTENSIONS.contains(name)) {
            throw ExchangeEvents.refuse(what, "header " + header + " names " + name + ", which is not an extension attribute "
                    + (name.equals(EventCodec.OFFSET) ? "(the service adds it to consumed events)" : "but one of CloudEvents' own"));
        }
        if (!NAME.matcher(name).matches()) {
            throw ExchangeEvents.refuse(what, "header " + header + " does not name an extension attribute: CloudEvents attribute "
                    + "names are 1 to 20 lower-case letters or digits");
        }
        return name;
    }
}
