package org.mconnectevents.emulator.event;

import org.mconnectevents.emulator.config.PoisonKind;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A frame to put into a consumer client's stream as if it had been produced, so that a test can prove what a consumer
 * does with an event it cannot decode: a text frame given as is (JSON or not), or one of the built-in poison events of
 * {@link PoisonKind}. It is stored on the partition of its partition key (round robin without one), reaches every group
 * of the client, takes a real offset in the session that receives it, and is confirmed and delivered again like any
 * event. By default the service sends that offset with it: as the {@code offset} member added to a frame that is a
 * JSON object, as the {@code ce-offset} header in long polling's binary mode; {@link #withoutOffset()} sends the frame
 * exactly as given.
 * <pre>{@code
 * emulator.inject("consumer", Injection.frame("not JSON at all").partitionKey("customer:7"));
 * emulator.inject("consumer", Injection.poison(PoisonKind.MISSING_ID, "urn:test:orders", "Test.Orders.Order.Placed", "p-1"));
 * }</pre>
 * Immutable.
 */
public final class Injection {

    /** The source of a poison event when none is given. */
    public static final String DEFAULT_SOURCE = "urn:mconnect-events-emulator:poison";
    /** The type of a poison event when none is given. */
    public static final String DEFAULT_TYPE = "MConnectEvents.Emulator.Poison.Injected";

    private final String frame;
    private final PoisonKind poison;
    private final String source;
    private final String type;
    private final String id;
    private final String partitionKey;
    private final boolean withOffset;

    private Injection(String frame, PoisonKind poison, String source, String type, String id, String partitionKey,
                      boolean withOffset) {
        this.frame = frame;
        this.poison = poison;
        this.source = source;
        this.type = type;
        this.id = id;
        this.partitionKey = partitionKey;
        this.withOffset = withOffset;
    }

    /** A text frame sent as given; when it is a JSON object, its {@code partitionkey} member chooses its partition. */
    public static Injection frame(String text) {
        return new Injection(Objects.requireNonNull(text, "frame"), null, null, null, null, null, true);
    }

    /**
     * A built-in poison event; {@code null} source, type or id take a default (the id a new {@code poison-} one).
     * {@link #partitionKey(String)} also becomes its {@code partitionkey} attribute.
     */
    public static Injection poison(PoisonKind kind, String source, String type, String id) {
        return new Injection(null, Objects.requireNonNull(kind, "kind"), source == null ? DEFAULT_SOURCE : source,
                type == null ? DEFAULT_TYPE : type, id == null ? "poison-" + UUID.randomUUID() : id, null, true);
    }

    /** The same injection on the partition of this key ({@code null}: the frame's own, else round robin). */
    public Injection partitionKey(String key) {
        return new Injection(frame, poison, source, type, id, key, withOffset);
    }

    /** The same injection sent exactly as given: no {@code offset} member, no {@code ce-offset} header. */
    public Injection withoutOffset() {
        return new Injection(frame, poison, source, type, id, partitionKey, false);
    }

    /** The partition key given, or {@code null}. */
    public String partitionKey() {
        return partitionKey;
    }

    /** Whether the session's offset is sent with the frame (never for a {@link PoisonKind#WITHOUT_OFFSET} poison). */
    public boolean sendsOffset() {
        return withOffset && (poison == null || poison.sendsOffset());
    }

    /** The text of the frame: as given, or the poison as built for this event-size limit and time. */
    public String text(int maxEventSize, Instant now) {
        return frame != null ? frame : PoisonFrames.build(poison, source, type, id, partitionKey, maxEventSize, now);
    }
}
