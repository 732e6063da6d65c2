package org.mconnectevents.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * The enrichment step's merge: keeps the consumed event as it is and adds the customer's name from the citizen
 * registry's answer as the {@value ReceivedOrders#CUSTOMER_NAME} header.
 */
public final class CitizenDetails implements AggregationStrategy {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Exchange aggregate(Exchange event, Exchange registryAnswer) {
        try {
            String name = json.readTree(registryAnswer.getMessage().getBody(String.class)).path("name").asText();
            event.getMessage().setHeader(ReceivedOrders.CUSTOMER_NAME, name);
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException("the citizen registry answered with something that is not JSON", e);
        }
    }
}
