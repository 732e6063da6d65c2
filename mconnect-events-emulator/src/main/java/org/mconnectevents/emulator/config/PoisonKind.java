package org.mconnectevents.emulator.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The poison events the emulator can put into a consumer's stream (the {@code poisonKinds} fault, or an injection
 * through the admin API), each a frame some client may fail to decode. Named in configuration and JSON by
 * {@link #configName()}.
 */
public enum PoisonKind {

    /** A valid event whose {@code datacontenttype} is {@code application/merge-patch+json}, with object data. */
    MERGE_PATCH_DATA("merge-patch-data"),
    /** A text frame that is not JSON at all (no offset can be added to it). */
    NOT_JSON("not-json"),
    /** An event without its required {@code id}. */
    MISSING_ID("missing-id"),
    /** An event without its required {@code type}. */
    MISSING_TYPE("missing-type"),
    /** A valid event one byte over the event-size limit ({@code maxEventSize}) before its offset is added. */
    OVER_SIZE_LIMIT("over-size-limit"),
    /** A valid event sent without any {@code offset} member: the client cannot tell where it stands. */
    WITHOUT_OFFSET("without-offset");

    private final String configName;

    PoisonKind(String configName) {
        this.configName = configName;
    }

    /** The name used in the configuration file and the admin API, e.g. {@code missing-id}. */
    public String configName() {
        return configName;
    }

    /** The kind of that name, if any. */
    public static Optional<PoisonKind> named(String name) {
        return Arrays.stream(values()).filter(kind -> kind.configName.equals(name)).findFirst();
    }

    /** Every name, in order, for messages. */
    public static List<String> names() {
        return Arrays.stream(values()).map(PoisonKind::configName).toList();
    }

    /**
     * Whether the service sends the session's offset with this poison: as the {@code offset} member of a JSON object,
     * as the {@code ce-offset} header in the binary mode (a frame that is not JSON has it only there).
     */
    public boolean sendsOffset() {
        return this != WITHOUT_OFFSET;
    }
}
