package org.mconnectevents.camel;

import org.apache.camel.spi.Metadata;

/**
 * Header names of the mconnect-events component. The CloudEvent attribute headers have the same names as
 * Camel's own CloudEvents support, so routes can move between the two; they are defined here so that the
 * component does not depend on camel-cloudevents (absent from the Camel that Karaf users run).
 */
public final class MConnectEventsConstants {

    @Metadata(description = "The event id. Unique per source; when missing on a produced event, one is generated and kept in "
                            + "this header so that Camel redeliveries resend the same id.", javaType = "String")
    public static final String CLOUD_EVENT_ID = "CamelCloudEventID";
    @Metadata(description = "The event source, a URI the client is allowed to use.", javaType = "String")
    public static final String CLOUD_EVENT_SOURCE = "CamelCloudEventSource";
    @Metadata(description = "The event type, Organization.System.Entity.Action.", javaType = "String")
    public static final String CLOUD_EVENT_TYPE = "CamelCloudEventType";
    @Metadata(description = "The event subject (optional).", javaType = "String")
    public static final String CLOUD_EVENT_SUBJECT = "CamelCloudEventSubject";
    @Metadata(description = "The event time (optional, never in the future): an RFC 3339 string, or a java.time.OffsetDateTime, "
                            + "ZonedDateTime, Instant or java.util.Date. On consumed events, an RFC 3339 string.",
              javaType = "String")
    public static final String CLOUD_EVENT_TIME = "CamelCloudEventTime";
    @Metadata(description = "The content type of the data; application/json when absent.", javaType = "String")
    public static final String CLOUD_EVENT_DATA_CONTENT_TYPE = "CamelCloudEventDataContentType";
    @Metadata(description = "The CloudEvents spec version; always 1.0.", javaType = "String")
    public static final String CLOUD_EVENT_SPEC_VERSION = "CamelCloudEventSpecVersion";
    @Metadata(description = "The event's dataschema (optional), a URI naming the schema its data follows. The name is Camel's "
                            + "own for this attribute.", javaType = "String")
    public static final String CLOUD_EVENT_DATA_SCHEMA = "CamelCloudEventSchemaURL";
    @Metadata(description = "The partition key (CloudEvents partitioning extension): events with the same key are consumed "
                            + "in the order they were produced. Vary it; a constant key limits scaling.", javaType = "String")
    public static final String PARTITION_KEY = "CamelMConnectEventsPartitionKey";
    @Metadata(description = "The W3C trace context of the event (CloudEvents distributed tracing extension, attribute "
                            + "traceparent), under the header name Camel's tracing writes and reads (camel-opentelemetry2): a "
                            + "produced event takes it from the exchange, a consumed event puts it on the exchange, so the "
                            + "consuming route continues the producer's trace.", javaType = "String")
    public static final String TRACE_PARENT = "traceparent";
    @Metadata(description = "The vendor-specific part of the W3C trace context (CloudEvents distributed tracing extension, "
                            + "attribute tracestate), carried as traceparent is.", javaType = "String")
    public static final String TRACE_STATE = "tracestate";
    @Metadata(label = "consumer", description = "The offset of a consumed event in its session.", javaType = "Long")
    public static final String OFFSET = "CamelMConnectEventsOffset";
    @Metadata(label = "consumer", description = "With autoConfirm=false: the handle that confirms this event.",
              javaType = "org.mconnectevents.camel.MConnectEventsConfirmation")
    public static final String CONFIRMATION = "CamelMConnectEventsConfirmation";
    @Metadata(label = "consumer", description = "On an event the consumer could not read (a poison event): why not, naming the "
                            + "rule (never the content). The body is then the text as received, and the exchange starts failed "
                            + "with MConnectEventsDecodeException.", javaType = "String")
    public static final String DECODE_PROBLEM = "CamelMConnectEventsDecodeProblem";

    /**
     * The prefix of the headers that carry the other extension attributes, both ways: a consumed event's attribute
     * {@code dataref} is the header {@code CamelMConnectEventsExtension-dataref}, and such a header on a produced
     * exchange becomes that attribute (names of 1 to 20 lower-case letters or digits; Boolean and Integer values keep
     * their type, any other value is sent as text). Camel's HTTP components leave headers starting with
     * {@code Camel} out of their requests, so these do not travel further by accident.
     */
    public static final String EXTENSION_PREFIX = "CamelMConnectEventsExtension-";

    /** The extension attribute carrying the failure on an event reported dead. */
    public static final String DEAD_REASON_ATTRIBUTE = "deadreason";

    /**
     * The extension attribute carrying, on an event reported dead whose data claimed to be JSON and was not one JSON
     * value, the content type it came with (it is reported as application/octet-stream).
     */
    public static final String DEAD_CONTENT_TYPE_ATTRIBUTE = "deadcontenttype";

    private MConnectEventsConstants() {
    }
}
