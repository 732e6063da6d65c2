package org.mconnectevents.camel;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import org.mconnectevents.client.EventRules;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * What a producer endpoint saw of the events it sent, for the operator's producer checklist: whether an id was re-used
 * with different content within a window of recent events ({@value #ID_WINDOW}), and how the partition keys of the
 * last {@value #KEY_WINDOW} events spread. Keeps no event data: a fingerprint of each event's content and counts per
 * key, never shown (a key may be a personal number, {@code idnp:...}). Guarded by its monitor: the producers of an
 * endpoint run on many threads.
 */
public final class MConnectEventsProducedEvents {

    /** How many recent {@code source}/{@code id} pairs are remembered to find an id re-used with other content. */
    public static final int ID_WINDOW = 10_000;
    /** How many recent events the spread of partition keys is measured on. */
    public static final int KEY_WINDOW = 1_000;

    private final Map<String, Integer> fingerprints = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > ID_WINDOW;
        }
    };
    /** The keys of the last KEY_WINDOW events in order, an empty string for an event without one. */
    private final ArrayDeque<String> recentKeys = new ArrayDeque<>(KEY_WINDOW);
    private final Map<String, Integer> keyCounts = new HashMap<>();
    private long events;
    private long idsReused;
    private String lastReusedId;
    private long eventsChecked;
    private long eventsLacking;
    private String lastLack;

    /**
     * An event passed the checks and is about to be sent; {@code check}, when not null, is the endpoint's
     * {@link MConnectEventsProducedEventCheck}, run here, outside this monitor.
     */
    void checked(CloudEvent event, MConnectEventsProducedEventCheck check) {
        String lack = check == null ? null : check.problem(event);
        synchronized (this) {
            if (check != null) {
                eventsChecked++;
                if (lack != null) {
                    eventsLacking++;
                    lastLack = lack;
                }
            }
            checked(event);
        }
    }

    private void checked(CloudEvent event) {
        events++;
        String sourceAndId = event.getSource() + "\u0000" + event.getId();
        int fingerprint = fingerprint(event);
        Integer earlier = fingerprints.put(sourceAndId, fingerprint);
        if (earlier != null && earlier != fingerprint) {
            idsReused++;
            lastReusedId = EventRules.name(event); // source and id only
        }
        Object key = event.getExtension("partitionkey");
        String counted = key == null ? "" : key.toString();
        recentKeys.addLast(counted);
        keyCounts.merge(counted, 1, Integer::sum);
        if (recentKeys.size() > KEY_WINDOW) {
            keyCounts.computeIfPresent(recentKeys.removeFirst(), (gone, count) -> count == 1 ? null : count - 1);
        }
    }

    /**
     * The content an event's id stands for: a retry resends it unchanged. {@code time} is left out, since a producer
     * that fills it when sending gives a retry a later one.
     */
    private static int fingerprint(CloudEvent event) {
        CloudEventData data = event.getData();
        return Objects.hash(event.getType(), event.getSubject(), event.getDataContentType(),
                event.getExtension("partitionkey"), data == null ? 0 : checksum(data.toBytes()));
    }

    /** CRC-32C of the data: the processor computes it several bytes at a time, where a hash code takes them one by one. */
    private static int checksum(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return (int) crc.getValue();
    }

    /** What the window shows now. */
    public synchronized Snapshot snapshot() {
        int withoutKey = keyCounts.getOrDefault("", 0);
        int largestKeyShare = keyCounts.entrySet().stream()
                .filter(entry -> !entry.getKey().isEmpty())
                .mapToInt(Map.Entry::getValue)
                .max().orElse(0);
        return new Snapshot(events, idsReused, lastReusedId, recentKeys.size(), withoutKey,
                (int) keyCounts.keySet().stream().filter(key -> !key.isEmpty()).count(), largestKeyShare, eventsChecked,
                eventsLacking, lastLack);
    }

    /**
     * The producer's window at one moment.
     *
     * @param events            events checked and sent since the endpoint started
     * @param idsReused         events whose {@code source}/{@code id} an earlier event in the window had, with other content
     * @param lastReusedId      the last of those, as {@code event (source=..., id=...)}; null when none
     * @param recentEvents      events in the key window
     * @param withoutKey        of those, events without a {@code partitionkey}
     * @param distinctKeys      distinct keys among them
     * @param largestKeyEvents  the events of the most frequent key among them
     * @param eventsChecked     events the endpoint's {@link MConnectEventsProducedEventCheck} looked at
     * @param eventsLacking     of those, events it found lacking
     * @param lastLack          what the last of those lacked, as the check said it; null when none
     */
    public record Snapshot(long events, long idsReused, String lastReusedId, int recentEvents, int withoutKey,
                           int distinctKeys, int largestKeyEvents, long eventsChecked, long eventsLacking, String lastLack) {
    }
}
