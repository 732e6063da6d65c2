package org.mconnectevents.emulator.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mconnectevents.emulator.config.PoisonKind;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes the frames of the built-in poison events. Each but {@link PoisonKind#NOT_JSON} is a structured CloudEvent of
 * the given source, type and id whose data names its kind, so that a test that finds it dead can tell which it was.
 * None carries personal data.
 */
final class PoisonFrames {

    private PoisonFrames() {
    }

    static String build(PoisonKind kind, String source, String type, String id, String partitionKey, int maxEventSize,
                        Instant now) {
        if (kind == PoisonKind.NOT_JSON) {
            return "not JSON: the emulator's poison frame " + id + " {";
        }
        ObjectNode event = StoredEvent.JSON.createObjectNode();
        event.put("specversion", "1.0");
        if (kind != PoisonKind.MISSING_ID) {
            event.put("id", id);
        }
        event.put("source", source);
        if (kind != PoisonKind.MISSING_TYPE) {
            event.put("type", type);
        }
        event.put("time", now.toString());
        if (partitionKey != null) {
            event.put("partitionkey", partitionKey);
        }
        if (kind == PoisonKind.MERGE_PATCH_DATA) {
            event.put("datacontenttype", "application/merge-patch+json");
            event.putObject("data").put("poison", kind.configName()).putObject("patch").putNull("status");
        } else {
            event.put("datacontenttype", "application/json");
            event.putObject("data").put("poison", kind.configName());
        }
        if (kind == PoisonKind.OVER_SIZE_LIMIT) {
            padToOneByteOver(event, maxEventSize);
        }
        return event.toString();
    }

    /** Adds a padding string so that the event's JSON form is {@code maxEventSize + 1} bytes. */
    private static void padToOneByteOver(ObjectNode event, int maxEventSize) {
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("padding", "");
        int missing = maxEventSize + 1 - event.toString().getBytes(StandardCharsets.UTF_8).length;
        data.put("padding", "x".repeat(Math.max(0, missing)));
    }
}
