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
import java.util.concurrent.Executor;

/**
 * Produces the exchange's event (or a collection of CloudEvents as a batch) on the events channel, or a test event
 * through the tool endpoint on the test channel. Everything is checked before anything is sent; a refusal names
 * the event and the rule and fails the exchange with {@link MConnectEventsRejectedException} (not retryable), a
 * failure to reach the service with {@code MConnectEventsUnavailableException} (retryable).
 */
public class MConnectEventsProducer extends DefaultAsyncProducer {

    private final MConnectEventsEndpoint endpoint;
    private final MConnectEventsConfiguration configuration;
    private final MConnectEventsMetrics metrics;
    private final Observers observers;
    private final MConnectEventsProducedEvents producedEvents;
    private MConnectEventsClient client;
    private EventRules rules;

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
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String routeId = ExchangeHelper.getAtRouteId(exchange);
        Future<Integer> sent;
        int[] events = {1};
        try {
            Object body = exchange.getMessage().getBody();
            if (body instanceof Collection<?> collection && endpoint.getChannel() == MConnectEventsChannel.EVENTS) {
                events[0] = collection.size();
                List<CloudEvent> batch = batch(collection);
                sent = produceBatch(batch);
            } else {
                sent = produceOne(ExchangeEvents.toCloudEvent(exchange, configuration));
            }
        } catch (MConnectEventsRejectedException e) {
            rejected(routeId, events[0]);
            exchange.setException(e);
            callback.done(true);
            return true;
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        Executor continuations = endpoint.continuations();
        sent.onComplete(result -> continuations.execute(() -> {
            if (result.succeeded()) {
                produced(routeId, result.result());
                ExchangeEvents.produced(exchange);
            } else {
                if (result.cause() instanceof MConnectEventsRejectedException) {
                    rejected(routeId, events[0]);
                }
                exchange.setException(result.cause());
            }
            callback.done(false);
        }));
        return false;
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
            return (endpoint.getChannel() == MConnectEventsChannel.TEST
                    ? client.produceTestEvent(raw, "test " + what) : client.produceRaw(raw, what)).map(1);
        }
        rules.checkRequestSize(json.length, what, false);
        producedEvents.checked(event, configuration.getProducedEventCheck());
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
        return client.produceEvents(EventCodec.jsonArray(events), what).compose(done -> request + 1 < requests.size()
                ? sendInOrder(batch, requests, request + 1, sent + events.size())
                : Future.succeededFuture(sent + events.size()));
    }

    private static String describe(List<CloudEvent> batch, int from, int count) {
        CloudEvent first = batch.get(from);
        return "a batch of " + count + " events (first " + EventRules.name(first) + ")";
    }
}
