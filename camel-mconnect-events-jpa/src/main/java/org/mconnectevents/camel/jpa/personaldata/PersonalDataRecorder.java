package org.mconnectevents.camel.jpa.personaldata;

import io.cloudevents.CloudEvent;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceSupport;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.mconnectevents.camel.MConnectEventsEndpoint;
import org.mconnectevents.client.Redaction;

/**
 * Records the processing of personal data for each consumed event whose type has a rule in the
 * {@link PersonalDataPolicy}: one {@link PersonalDataRecord} per data subject the event's data names. Events of other
 * types pass untouched and leave no record. The exchange itself is never changed.
 * <ul>
 * <li>{@link #jpa(PersonalDataPolicy, EntityManagerFactory)} persists the records with the entity manager of the
 * route's transaction: they commit with the business writes, and a rollback leaves none. Use it after
 * {@code transacted()}.</li>
 * <li>{@link #to(PersonalDataPolicy, String)} sends them to any endpoint: one message per event, body a
 * {@code List<PersonalDataRecord>}, headers those of the consumed exchange, sent on the route's thread (so a
 * {@code direct:} or {@code jpa:} endpoint takes part in the route's transaction). A failure of that endpoint fails
 * the exchange.</li>
 * </ul>
 * A configured path missing from the data, or data that is not JSON, is a {@link PersonalDataPathMissingException}:
 * structural, so {@code deadLetterChannel("mconnect-events:dead")} reports the event dead with the path in its reason.
 * The event is read from the consumer's headers ({@code CamelCloudEventSource}, {@code CamelCloudEventID},
 * {@code CamelCloudEventType}, the body its data as {@code String} or {@code byte[]}) or from a {@link CloudEvent} body.
 */
public final class PersonalDataRecorder extends ServiceSupport implements Processor {

    private final PersonalDataPolicy policy;
    private final RecordSink sink;
    private final Clock clock;

    PersonalDataRecorder(PersonalDataPolicy policy, RecordSink sink, Clock clock) {
        if (policy == null) {
            throw new IllegalArgumentException("A personal-data recorder needs a PersonalDataPolicy.");
        }
        this.policy = policy;
        this.sink = sink;
        this.clock = clock;
    }

    /** Persists the records in the route's transaction, through the entity manager factory's transactional entity manager. */
    public static PersonalDataRecorder jpa(PersonalDataPolicy policy, EntityManagerFactory entityManagerFactory) {
        return new PersonalDataRecorder(policy, new JpaRecordSink(entityManagerFactory), Clock.systemUTC());
    }

    /** Sends the records of each event, as one {@code List<PersonalDataRecord>}, to {@code endpointUri}. */
    public static PersonalDataRecorder to(PersonalDataPolicy policy, String endpointUri) {
        return new PersonalDataRecorder(policy, new EndpointRecordSink(endpointUri), Clock.systemUTC());
    }

    /** The policy this recorder applies. */
    public PersonalDataPolicy getPolicy() {
        return policy;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String source = message.getHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE, String.class);
        String id = message.getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class);
        String type = message.getHeader(MConnectEventsConstants.CLOUD_EVENT_TYPE, String.class);
        Object data = message.getBody();
        if (data instanceof CloudEvent event) {
            source = event.getSource() == null ? source : event.getSource().toString();
            id = event.getId();
            type = event.getType();
            data = event.getData() == null ? null : event.getData().toBytes();
        }
        PersonalDataRule rule = policy.rule(type);
        if (rule == null) {
            return;
        }
        if (source == null || id == null) {
            throw new IllegalArgumentException("Exchange " + exchange.getExchangeId() + " has the event type " + type
                    + " but no event source or id: the personal-data recorder records events an mconnect-events consumer "
                    + "received; use it in a route that starts from mconnect-events:events.");
        }
        if (data != null && !(data instanceof String) && !(data instanceof byte[])) {
            data = message.getBody(String.class);
        }
        List<PersonalDataRecord> records = rule.records(source, id, data, policy.getIdno(), clock.instant(), redactionOf(exchange));
        sink.write(exchange, records);
    }

    /** The option logEventData of the mconnect-events endpoint the event came from; without one, event data is hidden. */
    private static Redaction redactionOf(Exchange exchange) {
        return exchange.getFromEndpoint() instanceof MConnectEventsEndpoint from ? from.redaction() : Redaction.HIDING_EVENT_DATA;
    }

    @Override
    protected void doStop() throws Exception {
        sink.close();
    }

    @Override
    public String toString() {
        return "PersonalDataRecorder[" + sink + ", " + policy + "]";
    }
}
