package org.mconnectevents.camel;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.vertx.core.Future;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;
import org.mconnectevents.client.EventCodec;
import org.mconnectevents.client.JsonData;
import org.mconnectevents.client.MConnectEventsRejectedException;
import org.mconnectevents.client.MConnectEventsUnavailableException;
import org.mconnectevents.client.UndecodedEvent;
import org.mconnectevents.client.Redaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * {@code to("mconnect-events:dead")}: reports the exchange's event as dead on the session it came from, safe as
 * the one line {@code errorHandler(deadLetterChannel("mconnect-events:dead"))}.
 * <ul>
 * <li>A structural failure (the event can never be processed) is reported: the original event, with the failure in
 * the {@code deadreason} extension attribute unless {@code includeDeadReason=false}. The event then counts as
 * finished and is confirmed with the next confirmation.</li>
 * <li>A technical failure (see {@code technicalExceptions}) is refused: nothing is reported, and the event's
 * context records the refusal ({@link MConnectEventsDeadRefusedException}), so that the consumer leaves the event
 * unconfirmed, logs it as one technical failure and gets it again. The exchange gets no new exception: under a dead
 * letter channel, one would only bring Camel's fatal-fallback warnings with their stack traces, and the consumer
 * reads the refusal from the context whatever the error handler does with the exchange. A report that cannot be
 * sent is refused the same way.</li>
 * <li>An exchange that did not come from an mconnect-events consumer fails with an error that says so.</li>
 * <li>In a transacted route the exchange is marked rollback-only either way: the event is dead or comes again, so
 * nothing it wrote may commit.</li>
 * </ul>
 */
public class MConnectEventsDeadProducer extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(MConnectEventsDeadProducer.class);
    private static final int MAX_REASON_LENGTH = 2000;
    private static final URI UNDECODED_SOURCE = URI.create("urn:mconnect-events:undecoded");
    private static final String UNDECODED_TYPE = "MConnectEvents.Undecoded";
    private static final String REPORTED_BY_THE_ROUTE = "reported dead by the route";

    private final MConnectEventsEndpoint endpoint;
    private final MConnectEventsMetrics metrics;
    private final TechnicalFailures technicalFailures;
    private final Redaction redaction;

    public MConnectEventsDeadProducer(MConnectEventsEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.metrics = endpoint.metrics();
        this.redaction = endpoint.redaction();
        this.technicalFailures = new TechnicalFailures(endpoint.getConfiguration().getTechnicalExceptions(),
                endpoint.getConfiguration().getStructuralExceptions());
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        ConsumedEventContext context = exchange.getProperty(ConsumedEventContext.PROPERTY, ConsumedEventContext.class);
        if (context == null) {
            exchange.setException(new IllegalStateException("mconnect-events:dead reports the event an mconnect-events consumer"
                    + " received, and exchange " + exchange.getExchangeId() + " did not come from one (it came from "
                    + (exchange.getFromEndpoint() == null ? "no endpoint" : exchange.getFromEndpoint().getEndpointUri())
                    + "). To produce an event use mconnect-events:events."));
            callback.done(true);
            return true;
        }
        if (exchange.isTransacted()) {
            // Inside transacted() the dead letter channel runs within the route's transaction and handles the failure,
            // which would let the transaction commit what the failed event half did (its business writes, its
            // idempotency key). The event is either dead or comes again, so nothing of it may commit.
            exchange.setRollbackOnly(true);
        }
        Throwable failure = failureOf(exchange);
        Throwable technical = failure == null ? null : technicalFailures.technicalCause(failure);
        if (technical != null) {
            context.refusedAsTechnical(new MConnectEventsDeadRefusedException("Not reporting " + context.name()
                    + " (offset " + context.offset() + ") dead: its failure is technical (" + redaction.failure(technical)
                    + "), and technical failures are never dead. The event stays unconfirmed and comes again.", failure));
            callback.done(true);
            return true;
        }
        Executor continuations = endpoint.continuations();
        report(context, failure).onComplete(result -> continuations.execute(() -> {
            if (result.succeeded()) {
                context.reportedDead();
                metrics.deadOne();
                context.consumerMetrics().reportedDead();
                LOG.info("Reported {} (offset {}) dead: {}", context.name(), context.offset(),
                        failure == null ? REPORTED_BY_THE_ROUTE : redaction.failure(failure));
            } else {
                // like a technical failure: the event stays unconfirmed and comes again; the consumer logs it
                context.refusedAsTechnical(new MConnectEventsUnavailableException(0, "Could not report "
                        + context.name() + " dead on " + context.session().describe() + ": "
                        + redaction.failure(result.cause()) + ". The event stays unconfirmed and comes again.", result.cause()));
            }
            callback.done(false);
        }));
        return false;
    }

    /**
     * Reports the event, with the reason, on its session; a report that cannot even be written (data that claims to be
     * JSON and is not one JSON value is refused) or sent fails the future instead of throwing.
     */
    private Future<Void> report(ConsumedEventContext context, Throwable failure) {
        try {
            CloudEvent dead = context.event() != null ? withReason(reportable(context.event()), failure)
                    : undecodedReport(context, failure);
            return context.session().dead(dead);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /**
     * The event as it can be reported: as it came, unless its data claims to be JSON and is not one JSON value (the
     * service sent it so, in {@code data_base64}), which no event may carry out: then its data goes as bytes
     * ({@code application/octet-stream}), with the content type it came with in the {@code deadcontenttype} extension.
     */
    private static CloudEvent reportable(CloudEvent event) {
        try {
            JsonData.checkedBytes(event);
            return event;
        } catch (MConnectEventsRejectedException notJson) {
            return CloudEventBuilder.v1(event).withDataContentType("application/octet-stream")
                    .withExtension(MConnectEventsConstants.DEAD_CONTENT_TYPE_ATTRIBUTE, event.getDataContentType() == null
                            ? EventCodec.DEFAULT_DATA_CONTENT_TYPE : event.getDataContentType())
                    .build();
        }
    }

    private static Throwable failureOf(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return caught != null ? caught : exchange.getException();
    }

    private CloudEvent withReason(CloudEvent event, Throwable failure) {
        if (!endpoint.getConfiguration().isIncludeDeadReason()) {
            return event;
        }
        String reason = reason(failure);
        // the reason must not push the event over the size limit: it is cut to what fits, with room for its name
        int room = endpoint.getConfiguration().getMaxEventSize() - EventCodec.toJson(event).length - 64;
        if (reason.length() > room) {
            reason = room <= 3 ? "" : reason.substring(0, room - 3) + "...";
        }
        return CloudEventBuilder.v1(event).withExtension(MConnectEventsConstants.DEAD_REASON_ATTRIBUTE, reason).build();
    }

    /**
     * The dead report of an event the consumer could not read, as far as it can be reported: the attributes that could
     * be read (a source that is no URI, or a missing one, becomes {@code urn:mconnect-events:undecoded}; a missing id
     * {@code undecoded-<offset>}; a missing type {@code MConnectEvents.Undecoded}), the text as received as
     * {@code text/plain} data when it fits the event size limit (else no data), and the reason.
     */
    private CloudEvent undecodedReport(ConsumedEventContext context, Throwable failure) {
        UndecodedEvent undecoded = context.consumed().undecoded();
        CloudEventBuilder report = CloudEventBuilder.v1()
                .withId(undecoded.id() == null || undecoded.id().isEmpty() ? "undecoded-" + context.offset() : undecoded.id())
                .withSource(sourceOrPlaceholder(undecoded.source()))
                .withType(undecoded.type() == null || undecoded.type().isEmpty() ? UNDECODED_TYPE : undecoded.type());
        if (undecoded.partitionKey() != null && !undecoded.partitionKey().isEmpty()) {
            report.withExtension(EventCodec.PARTITION_KEY, undecoded.partitionKey());
        }
        byte[] text = undecoded.text().getBytes(StandardCharsets.UTF_8);
        if (text.length + 1024 <= endpoint.getConfiguration().getMaxEventSize() / 2) {
            // as a JSON string each byte may take up to six: half the limit leaves room for escapes and the reason
            report.withDataContentType("text/plain").withData(text);
        }
        return withReason(report.build(), failure);
    }

    private static URI sourceOrPlaceholder(String source) {
        if (source != null && !source.isEmpty()) {
            try {
                return new URI(source);
            } catch (URISyntaxException e) {
                // not a URI: the placeholder below
            }
        }
        return UNDECODED_SOURCE;
    }

    /**
     * The reason reported with the event, message included: it goes to the service with the event, whose data the
     * service holds anyway, and is never logged (our lines name the failure through {@link Redaction}).
     */
    private static String reason(Throwable failure) {
        if (failure == null) {
            return REPORTED_BY_THE_ROUTE;
        }
        String reason = failure.getClass().getName() + ": " + failure.getMessage();
        return reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) + "..." : reason;
    }
}
