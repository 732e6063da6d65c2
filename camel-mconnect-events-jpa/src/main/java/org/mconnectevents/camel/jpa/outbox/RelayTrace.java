package org.mconnectevents.camel.jpa.outbox;

import io.cloudevents.CloudEvent;
import java.util.List;
import org.apache.camel.Message;
import org.mconnectevents.camel.MConnectEventsConstants;

/**
 * The trace a relay's send belongs to. Each event carries the W3C trace context of the business request that wrote it
 * (the CloudEvents distributed tracing extension), and its consumer continues that trace whatever the relay does. The
 * send itself continues it too when every event of the batch belongs to that one trace (a single event, or several of
 * one request): the trace context goes on the exchange's {@code traceparent} and {@code tracestate} headers, where
 * Camel's tracing looks for the parent of the send's span. A batch of several traces is sent under the relay's own
 * trace: a span has one parent, and tying it to one of the requests would misattribute it to the others.
 */
final class RelayTrace {

    /** {@code 00-<32 hex digits of trace id>-<16 of span id>-<2 of flags>}: the trace id is at 3 to 35. */
    private static final int TRACE_ID_START = 3;
    private static final int TRACE_ID_END = 35;

    private RelayTrace() {
    }

    /** Puts on the send's message the trace context the whole batch shares, when it shares one. */
    static void continueSharedTrace(List<CloudEvent> batch, Message message) {
        CloudEvent first = batch.get(0);
        String traceId = traceId(first);
        if (traceId == null) {
            return;
        }
        for (CloudEvent event : batch) {
            if (!traceId.equals(traceId(event))) {
                return;
            }
        }
        message.setHeader(MConnectEventsConstants.TRACE_PARENT, first.getExtension(MConnectEventsConstants.TRACE_PARENT).toString());
        Object traceState = first.getExtension(MConnectEventsConstants.TRACE_STATE);
        if (traceState != null) {
            message.setHeader(MConnectEventsConstants.TRACE_STATE, traceState.toString());
        }
    }

    /** The trace id of the event's {@code traceparent}, or null when it has none it can be read from. */
    private static String traceId(CloudEvent event) {
        Object traceParent = event.getExtension(MConnectEventsConstants.TRACE_PARENT);
        if (traceParent == null) {
            return null;
        }
        String text = traceParent.toString();
        return text.length() > TRACE_ID_END && text.charAt(TRACE_ID_START - 1) == '-' && text.charAt(TRACE_ID_END) == '-'
                ? text.substring(TRACE_ID_START, TRACE_ID_END) : null;
    }
}
