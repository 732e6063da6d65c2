package org.mconnectevents.examples.quarkus;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.mconnectevents.camel.MConnectEventsConstants;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The consuming system's own register of citizens, in memory: one entry per event, keyed by the event's
 * {@code source} and {@code id}, so that an event the service delivers again (delivery is at least once) replaces its
 * first copy instead of counting twice. A real system keeps this in its database, in the transaction that records the
 * event as processed (see the idempotency building block, camel-mconnect-events-jpa).
 */
@ApplicationScoped
public class RegisteredCitizens {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Written by the consumer's threads, read by anyone: a concurrent map needs no further lock. */
    private final Map<EventKey, ReceivedRegistration> byEventKey = new ConcurrentHashMap<>();

    /** Records the consumed event of this exchange: attributes from the headers, the registration from the data. */
    public void record(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        String source = message.getHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE, String.class);
        String id = message.getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class);
        // a payload that is not a registration throws here: structural, so the route's dead letter channel reports it dead
        CitizenRegistration registration = JSON.readValue(message.getBody(String.class), CitizenRegistration.class);
        byEventKey.put(new EventKey(source, id), new ReceivedRegistration(source, id,
                message.getHeader(MConnectEventsConstants.CLOUD_EVENT_TYPE, String.class),
                message.getHeader(MConnectEventsConstants.PARTITION_KEY, String.class),
                message.getHeader(MConnectEventsConstants.OFFSET, String.class),
                registration));
    }

    /** The registration recorded for the event with this source and id, if it arrived. */
    public Optional<ReceivedRegistration> find(String source, String id) {
        return Optional.ofNullable(byEventKey.get(new EventKey(source, id)));
    }

    /** Every registration recorded so far, in no particular order. */
    public List<ReceivedRegistration> all() {
        return List.copyOf(byEventKey.values());
    }

    /** An event's identity: ids are unique per source. */
    private record EventKey(String source, String id) {
    }
}
