package org.mconnectevents.emulator.event;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * An event as read from a request, before its checks: its JSON tree and, when it arrived as JSON, the text it
 * arrived in (so that it can be stored without being written again).
 *
 * @param json its attributes and data
 * @param text the JSON object text it arrived in, ending with its closing brace, or {@code null}
 * @param size the length of {@code text} in UTF-8 bytes, or -1 when not known
 */
public record IncomingEvent(ObjectNode json, String text, int size) {

    /** The event at bytes {@code [start, end)} of a request body; its text is kept when it is a JSON object. */
    static IncomingEvent of(ObjectNode json, byte[] body, int start, int end) {
        boolean object = start >= 0 && end <= body.length && end > start && body[start] == '{' && body[end - 1] == '}';
        if (!object) {
            return new IncomingEvent(json, null, -1);
        }
        return new IncomingEvent(json, new String(body, start, end - start, StandardCharsets.UTF_8), end - start);
    }
}
