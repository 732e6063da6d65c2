package org.mconnectevents.camel;

import io.cloudevents.CloudEvent;
import io.vertx.core.Future;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.ExchangeHelper;
import org.mconnectevents.client.EventCodec;
import org.mconnectevents.client.EventRules;
import org.mconnectevents.client.MConnectEventsClient;
import org.mconnectevents.client.MConnectEventsRejectedException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces the exchange's event (or a collection of CloudEvents as a batch) on the events channel, or a test event
 * through the tool endpoint on the test channel. Everything is checked before anything is sent; a refusal names
 * the event and the rule and fails the exchange with {@link MConnectEventsRejectedException} (not retryable), a
 * failure to reach the service with {@code MConnectEventsUnavailableException} (retryable).
 * <p>
 * With {@code lingerTime} set, single events on the events channel are coalesced ({@link Coalescer}): an event goes
 * at once while fewer than {@code maxInFlightRequests} coalesced requests are in flight, and otherwise gathers with the
 * events arriving while the service is busy (at most the linger time) into one batch request; each exchange completes
 * when its own event's fate is known.
 */
public class MConnectEventsProducer extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(MConnectEventsProducer.class);

    private final MConnectEventsEndpoint endpoint;
    private final MConnectEventsConfiguration configuration;
    private final MConnectEventsMetrics metrics;
    private final Observers observers;
    private final MConnectEventsProducedEvents producedEvents;
    private MConnectEventsClient client;
    private EventRules rules;
    /** Set between start and stop when single events are coalesced (lingerTime); read by the callers of process. */
    private volatile Coalescer coalescer;

    public MConnectEventsProducer(MConnectEventsEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
        this.metrics = endpoint.metrics();
        this.observers = endpoint.getComponent().observers();
        this.producedEvents = endpoint.getProducedEvents();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        client = endpoint.client();
        rules = endpoint.eventRules();
        coalescer = coalescing();
    }

    /** The coalescer of single events when lingerTime is set on the events channel; null otherwise. */
    private Coalescer coalescing() {
        long linger = configuration.getLingerTime();
        requireAtLeast(linger, 0, "lingerTime");
        if (linger == 0) {
            return null;
        }
        if (endpoint.getChannel() != MConnectEventsChannel.EVENTS) {
            LOG.info("lingerTime does not apply to {}: POST /ce/tools/consumer/test takes one test event per request, so "
                    + "every test event is sent alone, at once", endpoint.getEndpointUri());
            return null;
        }
        requireAtLeast(configuration.getBatchMaxEvents(), 1, "batchMaxEvents");
        requireAtLeast(configuration.getBatchMaxSize(), 1, "batchMaxSize");
        requireAtLeast(configuration.getMaxWaitingEvents(), 1, "maxWaitingEvents");
        requireAtLeast(configuration.getMaxInFlightRequests(), 0, "maxInFlightRequests");
        Coalescer.Settings settings = new Coalescer.Settings(linger, configuration.getBatchMaxEvents(),
                Math.min(configuration.getBatchMaxSize(), rules.maxRequestSize()), configuration.getMaxWaitingEvents(),
                configuration.isFailWhenFull(), configuration.getMaxInFlightRequests());
        return new Coalescer(endpoint.getComponent().vertx(), endpoint.continuations(),
                (events, what) -> client.produceEvents(EventCodec.jsonArray(events), what), settings,
                events -> metrics.requestSent());
    }

    private void requireAtLeast(long value, long least, String option) {
        if (value < least) {
            throw new IllegalArgumentException(option + " of " + endpoint.getEndpointUri() + " is " + value
                    + ", and it must be at least " + least);
        }
    }

    /** Sends what waits to be coalesced and waits for the service's answers (up to stopTimeout), failing the rest. */
    @Override
    protected void doStop() throws Exception {
        Coalescer stopping = coalescer;
        coalescer = null;
        if (stopping != null) {
            stopping.close(configuration.getStopTimeout());
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String routeId = ExchangeHelper.getAtRouteId(exchange);
        Object body = exchange.getMessage().getBody();
        Collection<?> collection = body instanceof Collection<?> c && endpoint.getChannel() == MConnectEventsChannel.EVENTS
                ? c : null;
        int events = collection == null ? 1 : collection.size();
        try {
            Coalescer coalescing = coalescer;
            if (collection == null && coalescing != null) {
                coalesce(coalescing, exchange, callback, routeId);
                return false;
            }
            Future<Integer> sent = collection != null ? produceBatch(batch(collection))
                    : produceOne(ExchangeEvents.toCloudEvent(exchange, configuration));
            sent.onComplete(result -> answered(exchange, callback, routeId, result.succeeded() ? result.result() : events,
                    result.cause()));
            return false;
        } catch (MConnectEventsRejectedException e) {
            rejected(routeId, events);
            exchange.setException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.setException(e);
        } catch (RuntimeException e) {
            exchange.setException(e);
        }
        callback.done(true);
        return true;
    }

    /** Checks the exchange's event and hands it to the coalescer; the exchange completes when its event's fate is known. */
    private void coalesce(Coalescer coalescing, Exchange exchange, AsyncCallback callback, String routeId)
            throws InterruptedException {
        CloudEvent event = ExchangeEvents.toCloudEvent(exchange, configuration);
        byte[] json = rules.checkedJson(event);
        String what = EventRules.name(event);
        rules.checkRequestSize(EventCodec.jsonArraySize(json.length, 1), what, false);
        producedEvents.checked(event, configuration.getProducedEventCheck());
        // the coalescer answers on a Camel thread already
        coalescing.add(json, what, failure -> complete(exchange, callback, routeId, 1, failure));
    }

    /**
     * Continues the exchange once the service answered: on a Camel thread, never on the Vert.x event loop that
     * received the answer, since the next steps of a route (a database write, say) may block.
     */
    private void answered(Exchange exchange, AsyncCallback callback, String routeId, int events, Throwable failure) {
        endpoint.continuations().execute(() -> complete(exchange, callback, routeId, events, failure));
    }

    private void complete(Exchange exchange, AsyncCallback callback, String routeId, int events, Throwable failure) {
        if (failure == null) {
            produced(routeId, events);
            ExchangeEvents.produced(exchange);
        } else {
            if (failure instanceof MConnectEventsRejectedException) {
                rejected(routeId, events);
            }
            exchange.setException(failure);
        }
        callback.done(false);
    }

    /** Events taken for coalescing and not answered yet (0 when not coalescing). */
    int waitingToCoalesce() {
        Coalescer coalescing = coalescer;
        return coalescing == null ? 0 : coalescing.waiting();
    }

    private void produced(String routeId, int events) {
        metrics.produced(events);
        observers.tell(observer -> observer.produced(endpoint, routeId, events));
    }

    private void rejected(String routeId, int events) {
        metrics.rejected(events);
        observers.tell(observer -> observer.rejected(endpoint, routeId, events));
    }

    private Future<Integer> produceOne(CloudEvent event) {
        String what = EventRules.name(event);
        boolean binary = endpoint.getChannel() == MConnectEventsChannel.TEST || "binary".equals(configuration.getFormat());
        if (!binary) {
            rules.checkJsonData(event);
        }
        byte[] json = rules.checkedJson(event);
        if (binary) {
            var raw = EventCodec.toBinary(event);
            rules.checkRequestSize(raw.body().length(), what, false);
            producedEvents.checked(event, configuration.getProducedEventCheck());
            metrics.requestSent();
            return (endpoint.getChannel() == MConnectEventsChannel.TEST
                    ? client.produceTestEvent(raw, "test " + what) : client.produceRaw(raw, what)).map(1);
        }
        rules.checkRequestSize(json.length, what, false);
        producedEvents.checked(event, configuration.getProducedEventCheck());
        metrics.requestSent();
        return client.produceEvent(json, what).map(1);
    }

    private List<CloudEvent> batch(Collection<?> collection) {
        List<CloudEvent> batch = new ArrayList<>(collection.size());
        int index = 0;
        for (Object element : collection) {
            if (!(element instanceof CloudEvent event)) {
                throw MConnectEventsRejectedException.beforeSending("Refused " + describeElements(collection) + " before sending: "
                        + "element " + index + " is " + (element == null ? "null" : "a " + element.getClass().getName())
                        + ", and a batch is a collection of io.cloudevents.CloudEvent.");
            }
            batch.add(event);
            index++;
        }
        return batch;
    }

    /** How errors name a collection that is not all CloudEvents: by its first CloudEvent, when it has one. */
    private static String describeElements(Collection<?> collection) {
        return "a batch of " + collection.size() + " elements" + collection.stream()
                .filter(CloudEvent.class::isInstance)
                .findFirst()
                .map(event -> " (first " + EventRules.name((CloudEvent) event) + ")")
                .orElse(", none a CloudEvent");
    }

    private Future<Integer> produceBatch(List<CloudEvent> batch) {
        if (batch.isEmpty()) {
            return Future.succeededFuture(0);
        }
        List<List<byte[]>> requests = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        long currentBytes = 0;
        long totalBytes = 0;
        for (CloudEvent event : batch) {
            byte[] json = rules.checkedJson(event);
            totalBytes += json.length;
            if (!current.isEmpty() && EventCodec.jsonArraySize(currentBytes + json.length, current.size() + 1) > rules.maxRequestSize()) {
                requests.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(json);
            currentBytes += json.length;
        }
        requests.add(current);
        String what = describe(batch, 0, batch.size());
        if (requests.size() > 1 && !configuration.isSplitBatches()) {
            rules.checkRequestSize(EventCodec.jsonArraySize(totalBytes, batch.size()), what, true);
        }
        batch.forEach(event -> producedEvents.checked(event, configuration.getProducedEventCheck()));
        return sendInOrder(batch, requests, 0, 0);
    }

    /** Sends the requests one after the other, so that a failure leaves the later ones unsent and says which were stored. */
    private Future<Integer> sendInOrder(List<CloudEvent> batch, List<List<byte[]>> requests, int request, int sent) {
        List<byte[]> events = requests.get(request);
        String what = describe(batch, sent, events.size())
                + (requests.size() > 1 ? " (request " + (request + 1) + " of " + requests.size() + " of a split batch; the "
                + sent + " events before it were stored)" : "");
        metrics.requestSent();
        return client.produceEvents(EventCodec.jsonArray(events), what).compose(done -> request + 1 < requests.size()
                ? sendInOrder(batch, requests, request + 1, sent + events.size())
                : Future.succeededFuture(sent + events.size()));
    }

    private static String describe(List<CloudEvent> batch, int from, int count) {
        CloudEvent first = batch.get(from);
        return "a batch of " + count + " events (first " + EventRules.name(first) + ")";
    }
}
