package org.mconnectevents.camel.jpa.personaldata;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Sends the records of one event as one message to an endpoint, synchronously on the route's thread, with the
 * consumed exchange's headers. The producer template is made on first use, from the exchange's Camel context.
 */
final class EndpointRecordSink implements RecordSink {

    private final String endpointUri;
    /** Created once, on the first event; guarded by this sink's lock. */
    private ProducerTemplate template;

    EndpointRecordSink(String endpointUri) {
        if (endpointUri == null || endpointUri.isBlank()) {
            throw new IllegalArgumentException("PersonalDataRecorder.to needs the URI of the endpoint that takes the records.");
        }
        this.endpointUri = endpointUri;
    }

    @Override
    public void write(Exchange exchange, List<PersonalDataRecord> records) throws Exception {
        Exchange sent = template(exchange).send(endpointUri, recordExchange -> {
            recordExchange.getMessage().getHeaders().putAll(exchange.getMessage().getHeaders());
            recordExchange.getMessage().setBody(records);
        });
        if (sent.getException() != null) {
            throw sent.getException();
        }
    }

    private synchronized ProducerTemplate template(Exchange exchange) {
        if (template == null) {
            template = exchange.getContext().createProducerTemplate();
        }
        return template;
    }

    @Override
    public synchronized void close() throws Exception {
        if (template != null) {
            template.close();
            template = null;
        }
    }

    @Override
    public String toString() {
        return endpointUri;
    }
}
