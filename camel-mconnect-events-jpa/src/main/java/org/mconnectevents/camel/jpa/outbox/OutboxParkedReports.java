package org.mconnectevents.camel.jpa.outbox;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.mconnectevents.client.Redaction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports parked rows, after the transaction that parked them committed: a WARN log, and the row to the relay's
 * {@code parkedEndpoint} when it has one (body: the event JSON; headers: {@value OutboxAppender#OUTBOX_ID}, the event's id,
 * source and partition key, {@value #PARKED_ERROR}).
 */
final class OutboxParkedReports {

    /** The header holding why a parked row was refused, on what goes to the {@code parkedEndpoint}. */
    static final String PARKED_ERROR = "CamelMConnectEventsOutboxError";

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final Endpoint endpoint;
    private final Supplier<ProducerTemplate> producer;
    private final Redaction redaction;

    /**
     * @param endpointUri where to send reports, or null; resolved now, so that a mistyped one fails at once
     * @param producer    the relay's producer template
     * @param redaction   whether the log may show a row's partition key
     */
    OutboxParkedReports(CamelContext camelContext, String endpointUri, Supplier<ProducerTemplate> producer, Redaction redaction) {
        this.endpoint = endpointUri == null ? null : camelContext.getEndpoint(endpointUri);
        this.producer = producer;
        this.redaction = redaction;
    }

    void report(OutboxStore.Row row, String error) {
        // a partition key may name a person: shown only with logEventData
        String key = row.partitionKey() == null ? null
                : redaction.showsEventData() ? "partition key " + row.partitionKey() : "its partition key";
        LOG.warn("Parked {}: the service refused it for good ({}). {}", row.name(), error, key == null
                ? "It has no partition key, so no event waits behind it."
                : "Later events of " + key + " wait behind it until it is released or given up (OutboxOperations).");
        if (endpoint == null) {
            return;
        }
        Exchange result = producer.get().send(endpoint, exchange -> {
            exchange.getMessage().setBody(row.event());
            exchange.getMessage().setHeader(OutboxAppender.OUTBOX_ID, row.id());
            exchange.getMessage().setHeader(MConnectEventsConstants.CLOUD_EVENT_ID, row.eventId());
            exchange.getMessage().setHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE, row.source());
            exchange.getMessage().setHeader(MConnectEventsConstants.PARTITION_KEY, row.partitionKey());
            exchange.getMessage().setHeader(PARKED_ERROR, error);
        });
        if (result.getException() != null) {
            // the row is parked and logged above; the report is a notification, and failing the relay would not bring it
            LOG.warn("Could not report parked {} to {}: {}", row.name(), endpoint.getEndpointUri(),
                    redaction.failure(result.getException()));
        }
    }
}
