package org.mconnectevents.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;

import java.io.IOException;

/**
 * What JSON data is, in one place for the whole component: which content types carry JSON data, and the check that
 * JSON data about to be written is exactly one well-formed JSON value. Every reading and writing of events (the JSON
 * event format, binary mode, the producer's checks, the header mapping, the outbox) asks here, so that a
 * content type never counts as JSON on one path and as text on another.
 * <p>
 * The rule is the CloudEvents JSON event format's: {@code application/json}, {@code text/json} and any media type with
 * the {@code +json} suffix ({@code application/merge-patch+json}, {@code application/vnd.x+json}), in any case,
 * parameters ignored; no content type at all means {@code application/json}. (The CloudEvents SDK's JSON format tells
 * JSON by a pattern that refuses dots and upper case, so {@code application/vnd.x+json} is not JSON to it: the
 * component never lets the SDK decide this.) Thread-safe.
 */
public final class JsonData {

    /** The client's one JsonFactory, for every streaming read and write: thread-safe, and it recycles its buffers. */
    static final JsonFactory FACTORY = new JsonFactory();

    private static final String JSON = "application/json";
    private static final String TEXT_JSON = "text/json";
    private static final String SUFFIX = "+json";

    private JsonData() {
    }

    /**
     * Whether data of this content type is JSON: {@code application/json}, {@code text/json} or a {@code +json} suffix,
     * in any case, parameters ignored; null (no content type) counts as JSON.
     */
    public static boolean isJson(String contentType) {
        if (contentType == null) {
            return true;
        }
        int end = contentType.indexOf(';');
        end = end < 0 ? contentType.length() : end;
        while (end > 0 && Character.isWhitespace(contentType.charAt(end - 1))) {
            end--;
        }
        int start = 0;
        while (start < end && Character.isWhitespace(contentType.charAt(start))) {
            start++;
        }
        int length = end - start;
        if (length == JSON.length() && contentType.regionMatches(true, start, JSON, 0, length)
                || length == TEXT_JSON.length() && contentType.regionMatches(true, start, TEXT_JSON, 0, length)) {
            return true;
        }
        int slash = contentType.indexOf('/', start);
        // a type, a slash, a subtype name, then the suffix
        return slash > start && slash + 1 < end - SUFFIX.length()
                && contentType.regionMatches(true, end - SUFFIX.length(), SUFFIX, 0, SUFFIX.length());
    }

    /**
     * The event's data as bytes, checked: when its content type is JSON, the bytes must be exactly one well-formed JSON
     * value, since they are written into the event's JSON as they are (and a server refuses anything else in binary
     * mode). Null when the event has no data.
     *
     * @throws MConnectEventsRejectedException naming the event and the rule, never quoting the data
     */
    public static byte[] checkedBytes(CloudEvent event) {
        CloudEventData data = event.getData();
        if (data == null) {
            return null;
        }
        byte[] bytes = data.toBytes();
        if (isJson(event.getDataContentType())) {
            String problem = problem(bytes);
            if (problem != null) {
                throw MConnectEventsRejectedException.beforeSending("Refused " + EventRules.name(event) + " before sending: its "
                        + "data is not exactly one JSON value (" + problem + "), and its datacontenttype "
                        + (event.getDataContentType() == null ? "(none, so application/json)" : event.getDataContentType())
                        + " says JSON. Give one well-formed JSON value (an object, an array, a string, a number, true, false or"
                        + " null), or a datacontenttype that is not JSON for other data.");
            }
        }
        return bytes;
    }

    /**
     * What keeps the bytes from being exactly one JSON value in UTF-8, told by position only (the data may be personal);
     * null when they are one. A streaming parse to the end: no tree is built.
     */
    static String problem(byte[] bytes) {
        if (bytes.length == 0) {
            return "it is empty";
        }
        if (!plainUtf8(bytes)) {
            // Jackson would skip a byte order mark or read UTF-16/32, and the bytes then go into UTF-8 JSON as they are
            return "it starts with a byte order mark, or is not UTF-8";
        }
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            if (parser.nextToken() == null) {
                return "it is only whitespace";
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return "a second value starts at byte " + parser.currentTokenLocation().getByteOffset();
            }
            return null;
        } catch (StreamConstraintsException e) {
            return "it is over a limit of the JSON reader: " + e.getOriginalMessage();
        } catch (JsonProcessingException e) {
            // not the parser's message: it quotes the offending text
            return "it is not well-formed JSON at byte " + (e.getLocation() == null ? "?" : e.getLocation().getByteOffset());
        } catch (IOException e) {
            return "it could not be read as JSON";
        }
    }

    /**
     * Whether Jackson reads the bytes as UTF-8 from the first byte: they start with an ASCII byte (JSON in UTF-8 always
     * does; a byte order mark does not) and have no NUL among the first four (how Jackson tells UTF-16 and UTF-32).
     */
    private static boolean plainUtf8(byte[] bytes) {
        if (bytes[0] < 0) {
            return false;
        }
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        return true;
    }
}
