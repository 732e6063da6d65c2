package org.mconnectevents.emulator.server;

import io.vertx.core.MultiMap;
import org.mconnectevents.emulator.event.EventRejectedException;
import org.mconnectevents.emulator.event.StoredEvent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * The binary mode of the CloudEvents HTTP binding: attributes travel as {@code ce-} headers whose values are
 * percent-encoded outside printable ASCII.
 */
final class CloudEventHeaders {

    private static final String PREFIX = "ce-";
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private CloudEventHeaders() {
    }

    /** The attributes carried by {@code ce-} headers, names without the prefix, values decoded. */
    static Map<String, String> read(MultiMap headers) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                attributes.put(name.substring(PREFIX.length()), decode(header.getValue(), name));
            }
        }
        return attributes;
    }

    /**
     * Writes the event's attributes, and the offset, as {@code ce-} headers. An injected frame that is not a JSON
     * object has no attribute and goes as text; one injected without its offset has no {@code ce-offset} of ours.
     */
    static void write(StoredEvent event, long offset, MultiMap headers) {
        for (String name : event.attributeNames()) {
            String value = event.attribute(name);
            // an attribute sent as JSON null is absent; the binary mode has no way to say null. A name that cannot be
            // a header name can only come from an injected frame, which the binary mode cannot carry whole anyway.
            if (value != null && !name.equals("datacontenttype") && HEADER_NAME.matcher(name).matches()) {
                headers.set(PREFIX + name, encode(value));
            }
        }
        if (event.sendsOffset()) {
            headers.set(PREFIX + "offset", Long.toString(offset));
        }
        String contentType = event.isJsonObject() ? event.attribute("datacontenttype") : "text/plain; charset=utf-8";
        headers.set("Content-Type", contentType == null ? "application/json" : printable(contentType));
    }

    private static String decode(String value, String header) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new EventRejectedException(400, "header " + header + " has a broken percent-encoding");
                }
                try {
                    bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                } catch (NumberFormatException e) {
                    throw new EventRejectedException(400, "header " + header + " has a broken percent-encoding");
                }
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Percent-encodes what the HTTP binding says a {@code ce-} header value must not carry as is. */
    private static String encode(String value) {
        return encode(value, b -> b > 0x20 && b < 0x7f && b != '"' && b != '%');
    }

    /**
     * A media type as a header value: printable ASCII as is (spaces and quotes of parameters included), anything else
     * percent-encoded, which no valid media type needs but keeps a control character from breaking the answer.
     */
    private static String printable(String value) {
        return encode(value, b -> b >= 0x20 && b < 0x7f);
    }

    private static String encode(String value, IntPredicate plainByte) {
        StringBuilder encoded = null;
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = plainByte.test(b);
            if (!plain && encoded == null) {
                encoded = new StringBuilder(new String(bytes, 0, i, StandardCharsets.US_ASCII));
            }
            if (encoded != null) {
                encoded.append(plain ? String.valueOf((char) b) : String.format("%%%02X", b));
            }
        }
        return encoded == null ? value : encoded.toString();
    }
}
