package org.mconnectevents.emulator.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** What a consumer received, as the tests compare it: ids and offsets. */
public final class Received {

    private Received() {
    }

    /** The {@code id} of every event, in the order received. */
    public static List<String> ids(List<JsonNode> events) {
        return events.stream().map(event -> event.path("id").asText()).toList();
    }

    public static List<String> ids(RecordingWebSocket socket) {
        return ids(socket.events());
    }

    /** The {@code offset} of every event as the number its string holds, in the order received. */
    public static List<Long> offsets(List<JsonNode> events) {
        return events.stream().map(event -> Long.parseLong(event.path("offset").asText())).toList();
    }
}
