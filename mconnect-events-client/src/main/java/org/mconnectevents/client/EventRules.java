package org.mconnectevents.client;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * The checks MConnect Events makes on a produced event that a client can make before sending, so that a
 * refusal comes at once, names the event and the rule, and nothing is sent. The service's own checks (schema,
 * authorization) still apply.
 */
public final class EventRules {

    private final int maxEventSize;
    private final int maxRequestSize;
    private final Clock clock;

    /**
     * @param maxEventSize   the largest event, bytes of its JSON form (64 KiB on the service)
     * @param maxRequestSize the largest request body (1 MiB on the service)
     */
    public EventRules(int maxEventSize, int maxRequestSize, Clock clock) {
        this.maxEventSize = maxEventSize;
        this.maxRequestSize = maxRequestSize;
        this.clock = clock;
    }

    public int maxRequestSize() {
        return maxRequestSize;
    }

    /** How errors name an event: {@code event (source=urn:asp, id=42)}. */
    public static String name(CloudEvent event) {
        return "event (source=" + event.getSource() + ", id=" + event.getId() + ")";
    }

    /**
     * Checks the attributes of an event.
     *
     * @throws MConnectEventsRejectedException naming the event and the rule
     */
    public void checkAttributes(CloudEvent event) {
        if (event.getSpecVersion() != SpecVersion.V1) {
            throw refuse(event, "specversion must be 1.0, not " + event.getSpecVersion());
        }
        if (event.getId() == null || event.getId().isBlank()) {
            throw refuse(event, "id is required (unique per source, the same on every retry)");
        }
        if (event.getSource() == null || event.getSource().toString().isBlank()) {
            throw refuse(event, "source is required (a URI the client is allowed to use)");
        }
        if (event.getType() == null || event.getType().isBlank()) {
            throw refuse(event, "type is required (Organization.System.Entity.Action)");
        }
        OffsetDateTime time = event.getTime();
        if (time != null && time.toInstant().isAfter(clock.instant())) {
            throw refuse(event, "time " + time + " is in the future (now " + clock.instant() + "); MConnect Events refuses "
                    + "events from the future: fill time from a clock that is right, or leave it out");
        }
        Object partitionKey = event.getExtension(EventCodec.PARTITION_KEY);
        if (partitionKey != null && partitionKey.toString().isEmpty()) {
            throw refuse(event, "partitionkey, when present, must not be empty");
        }
    }

    /**
     * Checks an event and answers its JSON form.
     *
     * @throws MConnectEventsRejectedException naming the event and the rule
     */
    public byte[] checkedJson(CloudEvent event) {
        checkAttributes(event);
        byte[] json = EventCodec.toJson(event);
        if (json.length > maxEventSize) {
            throw refuse(event, "it is " + json.length + " bytes as JSON, over the limit of " + maxEventSize
                    + " bytes per event; put large content elsewhere and reference it");
        }
        return json;
    }

    /** Checks that a single structured event carries JSON data, the only data {@code /ce/produce/event} takes. */
    public void checkJsonData(CloudEvent event) {
        if (event.getData() != null && !JsonData.isJson(event.getDataContentType())) {
            throw refuse(event, "datacontenttype " + event.getDataContentType() + " is not JSON, and a structured single event "
                    + "takes JSON data only: use format=binary for this event");
        }
    }

    /** Checks the size of a request body; {@code batch} says whether splitting it is an option. */
    public void checkRequestSize(long bytes, String what, boolean batch) {
        if (bytes > maxRequestSize) {
            throw MConnectEventsRejectedException.beforeSending("Refused " + what + " before sending: the request would be "
                    + bytes + " bytes, over the limit of " + maxRequestSize + " bytes per request; "
                    + (batch ? "send fewer events per request, or set splitBatches=true" : "make the event smaller"));
        }
    }

    private static MConnectEventsRejectedException refuse(CloudEvent event, String rule) {
        return MConnectEventsRejectedException.beforeSending("Refused " + name(event) + " before sending: " + rule + ".");
    }
}
