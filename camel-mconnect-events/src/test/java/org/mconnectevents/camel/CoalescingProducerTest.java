package org.mconnectevents.camel;

import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.mconnectevents.client.MConnectEventsRejectedException;
import org.mconnectevents.client.MConnectEventsUnavailableException;
import org.mconnectevents.emulator.config.Faults;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_ID;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_SOURCE;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_TIME;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_TYPE;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.PERSON_REGISTERED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * Coalescing ({@code lingerTime}): single-event exchanges that reach one producer while its request is in flight (or,
 * with {@code maxInFlightRequests=0}, within the linger time) go as one batch request, and each exchange completes with
 * its own event's fate. A lone event leaves at once; none waits longer than the linger time. A refused event fails its
 * exchange only; a server fault fails every exchange of the batch, and Camel's redelivery sends each again with the same
 * id, so every event is stored at least once; a stopping producer sends what waits first; a bound on waiting events
 * holds.
 */
class CoalescingProducerTest extends EmulatorRouteTestSupport {

    private static final String ORDERS = "mconnect-events:events?source=" + SOURCE + "&type=" + ORDER_CREATED;
    /** Every batch waits the whole linger time (nothing leaves at once), so that a test knows which events share one. */
    private static final String ALWAYS_LINGERING = ORDERS + "&maxInFlightRequests=0&lingerTime=";
    private static final String LINGERING = ALWAYS_LINGERING + "1000";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=coalescing").routeId("consumer").to("mock:consumed");

                from("direct:lingering").routeId("lingering").to(LINGERING)
                        .process(exchange -> exchange.setProperty("continuedOn", Thread.currentThread().getName()));

                from("direct:lingering-with-redelivery").routeId("lingering-with-redelivery")
                        .errorHandler(defaultErrorHandler().maximumRedeliveries(3).redeliveryDelay(50)
                                .onRedelivery(exchange -> EMULATOR.emulator().clearFaults()))
                        .to(ORDERS + "&lingerTime=300");
            }
        };
    }

    @Test
    void singleEventsWithinTheLingerTimeGoAsOneRequest() {
        List<CompletableFuture<Exchange>> sent = sendAll("direct:lingering", ids("one-", 20), Map.of());

        List<Exchange> answered = answers(sent);
        assertThat(answered).allSatisfy(exchange -> {
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getProperty("continuedOn", String.class)).as("the route goes on on a Camel thread")
                    .contains("MConnectEvents[events]").doesNotContain("eventloop");
        });
        assertThat(emulator.state().get("produced").asLong()).isEqualTo(20);
        assertThat(endpoint(LINGERING).getProduceRequestCount()).isEqualTo(1);
        assertThat(endpoint(LINGERING).getProducedCount()).isEqualTo(20);
    }

    @Test
    void aLoneEventLeavesAtOnceWithoutWaitingForTheLingerTime() {
        String uri = ORDERS + "&lingerTime=60000";

        Exchange exchange = answers(sendAll(uri, List.of("lone-0"), Map.of())).get(0);

        assertThat(exchange.getException()).as("answered well before the 60 s linger time").isNull();
        assertThat(endpoint(uri).getProduceRequestCount()).isEqualTo(1);
        assertThat(emulator.state().get("produced").asLong()).isEqualTo(1);
    }

    @Test
    void eventsArrivingWhileARequestIsInFlightGoTogetherWhenItCompletes() throws Exception {
        emulator.setFaults(Faults.builder().responseDelay(Duration.ofSeconds(2)).build());
        String uri = ORDERS + "&lingerTime=60000";
        AsyncProducer producer = startedProducer(uri);
        List<CompletableFuture<Exchange>> first = processAll(producer, List.of("busy-0"));
        within(10).until(() -> endpoint(uri).getProduceRequestCount() == 1);

        List<CompletableFuture<Exchange>> gathered = processAll(producer, ids("gathered-", 10));

        assertThat(answers(first)).allSatisfy(exchange -> assertThat(exchange.getException()).isNull());
        assertThat(answers(gathered)).as("sent when the first request completed, not after the 60 s linger time")
                .allSatisfy(exchange -> assertThat(exchange.getException()).isNull());
        assertThat(endpoint(uri).getProduceRequestCount()).as("the lone first event, then the ten that gathered").isEqualTo(2);
        assertThat(emulator.state().get("produced").asLong()).isEqualTo(11);
    }

    @Test
    void anEventWaitsNoLongerThanTheLingerTimeEvenWhileARequestIsInFlight() throws Exception {
        emulator.setFaults(Faults.builder().responseDelay(Duration.ofSeconds(3)).build());
        String uri = ORDERS + "&lingerTime=200";
        AsyncProducer producer = startedProducer(uri);
        List<CompletableFuture<Exchange>> first = processAll(producer, List.of("slow-0"));
        within(10).until(() -> endpoint(uri).getProduceRequestCount() == 1);

        List<CompletableFuture<Exchange>> lingered = processAll(producer, ids("lingered-", 5));

        within(10).until(() -> endpoint(uri).getProduceRequestCount() == 2);
        assertThat(first).as("the lingered batch left while the first request was still in flight")
                .noneMatch(CompletableFuture::isDone);
        assertThat(answers(first)).allSatisfy(exchange -> assertThat(exchange.getException()).isNull());
        assertThat(answers(lingered)).allSatisfy(exchange -> assertThat(exchange.getException()).isNull());
        assertThat(emulator.state().get("produced").asLong()).isEqualTo(6);
    }

    @Test
    void belowMaxInFlightRequestsEachEventLeavesAtOnceAndAtItTheNextOnesGather() throws Exception {
        emulator.setFaults(Faults.builder().responseDelay(Duration.ofSeconds(2)).build());
        String uri = ORDERS + "&lingerTime=60000&maxInFlightRequests=2";
        AsyncProducer producer = startedProducer(uri);
        List<CompletableFuture<Exchange>> sent = new ArrayList<>(processAll(producer, List.of("two-0")));
        within(10).until(() -> endpoint(uri).getProduceRequestCount() == 1);
        sent.addAll(processAll(producer, List.of("two-1")));
        within(10).until(() -> endpoint(uri).getProduceRequestCount() == 2);

        sent.addAll(processAll(producer, ids("gathered-", 5)));

        assertThat(answers(sent)).allSatisfy(exchange -> assertThat(exchange.getException()).isNull());
        assertThat(endpoint(uri).getProduceRequestCount()).as("two alone, then one batch of the five").isEqualTo(3);
        assertThat(emulator.state().get("produced").asLong()).isEqualTo(7);
    }

    @Test
    void aStoppingProducerSendsTheEventsGatheredWhileARequestIsInFlight() throws Exception {
        emulator.setFaults(Faults.builder().responseDelay(Duration.ofSeconds(1)).build());
        String uri = ORDERS + "&lingerTime=60000";
        AsyncProducer producer = startedProducer(uri);
        List<CompletableFuture<Exchange>> sent = new ArrayList<>(processAll(producer, List.of("stopping-0")));
        within(10).until(() -> endpoint(uri).getProduceRequestCount() == 1);
        sent.addAll(processAll(producer, ids("stopping-gathered-", 4)));

        ServiceHelper.stopService(producer);

        assertThat(emulator.state().get("produced").asLong()).as("stored before stop returned").isEqualTo(5);
        assertThat(answers(sent)).allSatisfy(exchange -> assertThat(exchange.getException()).isNull());
    }

    @Test
    void onlyTheExchangesOfRefusedEventsFailAndTheirNeighboursAreStored() {
        List<String> ids = ids("mixed-", 10);
        Map<String, Map<String, Object>> headers = new HashMap<>();
        // 422: the schema of Person.Registered wants an idnp; 401: a source this client may not use
        headers.put("mixed-3", Map.of(CLOUD_EVENT_TYPE, PERSON_REGISTERED));
        headers.put("mixed-7", Map.of(CLOUD_EVENT_SOURCE, "urn:test:elsewhere"));
        // refused before sending: it never joins a batch
        headers.put("mixed-5", Map.of(CLOUD_EVENT_TIME, OffsetDateTime.now().plusDays(1)));

        List<Exchange> answered = answers(sendAll("direct:lingering", ids, headers));

        Map<String, Throwable> failed = new HashMap<>();
        answered.stream().filter(exchange -> exchange.getException() != null)
                .forEach(exchange -> failed.put(idOf(exchange), exchange.getException()));
        assertThat(failed).containsOnlyKeys("mixed-3", "mixed-5", "mixed-7");
        assertThat(failed.values()).allSatisfy(e -> assertThat(e).isInstanceOf(MConnectEventsRejectedException.class));
        assertThat(((MConnectEventsRejectedException) failed.get("mixed-3")).getStatus()).isEqualTo(422);
        assertThat(failed.get("mixed-3")).hasMessageContaining("event (source=" + SOURCE + ", id=mixed-3)");
        assertThat(((MConnectEventsRejectedException) failed.get("mixed-7")).getStatus()).isEqualTo(401);
        assertThat(failed.get("mixed-7")).hasMessageContaining("event (source=urn:test:elsewhere, id=mixed-7)");
        assertThat(((MConnectEventsRejectedException) failed.get("mixed-5")).getStatus()).as("refused before sending").isZero();
        assertThat(emulator.state().get("produced").asLong()).isEqualTo(7);
        assertThat(endpoint(LINGERING).getRejectedCount()).isEqualTo(3);
        assertConsumed(Set.of("mixed-0", "mixed-1", "mixed-2", "mixed-4", "mixed-6", "mixed-8", "mixed-9"));
    }

    @Test
    void aServerFaultFailsEveryExchangeOfTheBatchNamingItsOwnEvent() {
        emulator.setFaults(Faults.builder().produceFailRate(1.0).build());

        List<Exchange> answered = answers(sendAll("direct:lingering", ids("fault-", 5), Map.of()));

        assertThat(answered).allSatisfy(exchange -> assertThat(exchange.getException())
                .isInstanceOf(MConnectEventsUnavailableException.class)
                .hasMessageContaining("event (source=" + SOURCE + ", id=" + idOf(exchange) + ")")
                .hasMessageContaining("coalesced batch of 5 events"));
        assertThat(((MConnectEventsUnavailableException) answered.get(0).getException()).getStatus()).isEqualTo(500);
        assertThat(emulator.state().get("produced").asLong()).isZero();
    }

    @Test
    void afterServerFaultsRedeliveryStoresEveryEventWithItsId() {
        emulator.setFaults(Faults.builder().produceFailRate(1.0).build());
        List<String> ids = ids("retried-", 8);

        List<Exchange> answered = answers(sendAll("direct:lingering-with-redelivery", ids, Map.of()));

        assertThat(answered).allSatisfy(exchange -> {
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class)).isPositive();
        });
        assertThat(emulator.state().get("produced").asLong()).isEqualTo(8);
        assertConsumed(Set.copyOf(ids));
    }

    @Test
    void afterStoredThenFailedBatchesEveryEventIsStoredAtLeastOnceAndNoneIsLost() {
        emulator.setFaults(Faults.builder().produceStoreThenFailRate(1.0).build());
        List<String> ids = ids("stored-twice-", 8);

        List<Exchange> answered = answers(sendAll("direct:lingering-with-redelivery", ids, Map.of()));

        assertThat(answered).allSatisfy(exchange -> assertThat(exchange.getException()).isNull());
        assertThat(emulator.state().get("produced").asLong()).as("stored, answered 500, stored again").isEqualTo(16);
        assertConsumed(Set.copyOf(ids));
    }

    @Test
    void aStoppingProducerSendsTheEventsThatWaitBeforeItStops() throws Exception {
        AsyncProducer producer = startedProducer(ALWAYS_LINGERING + "60000");
        List<CompletableFuture<Exchange>> sent = processAll(producer, ids("stop-", 5));
        within(10).untilAsserted(() -> assertThat(((MConnectEventsProducer) producer).waitingToCoalesce()).isEqualTo(5));
        assertThat(sent).noneMatch(CompletableFuture::isDone);

        ServiceHelper.stopService(producer);

        assertThat(emulator.state().get("produced").asLong()).as("stored before stop returned").isEqualTo(5);
        assertThat(answers(sent)).allSatisfy(exchange -> assertThat(exchange.getException()).isNull());
    }

    @Test
    void aStoppingProducerThatGetsNoAnswerInTimeFailsTheExchangesAsUnavailable() throws Exception {
        emulator.setFaults(Faults.builder().responseDelay(Duration.ofSeconds(3)).build());
        String uri = ALWAYS_LINGERING + "60000&stopTimeout=200";
        AsyncProducer producer = startedProducer(uri);
        List<CompletableFuture<Exchange>> sent = processAll(producer, ids("late-", 3));
        within(10).untilAsserted(() -> assertThat(((MConnectEventsProducer) producer).waitingToCoalesce()).isEqualTo(3));

        ServiceHelper.stopService(producer);

        assertThat(answers(sent)).allSatisfy(exchange -> assertThat(exchange.getException())
                .isInstanceOf(MConnectEventsUnavailableException.class)
                .hasMessageContaining("id=" + idOf(exchange))
                .hasMessageContaining("the producer stopped before MConnect Events answered"));
    }

    @Test
    void pastMaxWaitingEventsAnExchangeFailsAtOnceWithFailWhenFull() throws Exception {
        String uri = ALWAYS_LINGERING + "60000&maxWaitingEvents=3&failWhenFull=true";
        AsyncProducer producer = startedProducer(uri);
        List<CompletableFuture<Exchange>> waiting = processAll(producer, ids("full-", 3));
        within(10).untilAsserted(() -> assertThat(((MConnectEventsProducer) producer).waitingToCoalesce()).isEqualTo(3));

        Exchange overflow = answers(processAll(producer, List.of("full-3"))).get(0);

        assertThat(overflow.getException()).isInstanceOf(MConnectEventsUnavailableException.class)
                .hasMessageContaining("event (source=" + SOURCE + ", id=full-3)").hasMessageContaining("maxWaitingEvents=3");
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
        ServiceHelper.stopService(producer);
        assertThat(answers(waiting)).allSatisfy(exchange -> assertThat(exchange.getException()).isNull());
        assertThat(emulator.state().get("produced").asLong()).isEqualTo(3);
    }

    @Test
    void pastMaxWaitingEventsACallerWaitsUntilEarlierEventsAreAnswered() throws Exception {
        emulator.setFaults(Faults.builder().responseDelay(Duration.ofMillis(500)).build());
        String uri = ALWAYS_LINGERING + "60000&maxWaitingEvents=2&batchMaxEvents=2";
        AsyncProducer producer = startedProducer(uri);
        List<CompletableFuture<Exchange>> first = processAll(producer, ids("bound-", 2));
        AtomicLong storedWhenTaken = new AtomicLong(-1);
        CountDownLatch taken = new CountDownLatch(1);
        List<CompletableFuture<Exchange>> third = new ArrayList<>();
        Thread caller = new Thread(() -> {
            third.addAll(processAll(producer, List.of("bound-2")));
            storedWhenTaken.set(EMULATOR.emulator().state().get("produced").asLong());
            taken.countDown();
        });
        caller.start();

        within(10).until(() -> taken.getCount() == 0);
        assertThat(storedWhenTaken).as("the third event was taken only once the first two were stored").hasValue(2);
        ServiceHelper.stopService(producer);
        assertThat(answers(first)).allSatisfy(exchange -> assertThat(exchange.getException()).isNull());
        assertThat(answers(third)).allSatisfy(exchange -> assertThat(exchange.getException()).isNull());
        assertThat(emulator.state().get("produced").asLong()).isEqualTo(3);
    }

    @Test
    void onTheTestChannelEveryTestEventIsSentAloneAtOnce() {
        String uri = "mconnect-events:test?source=" + SOURCE + "&type=" + ORDER_CREATED + "&lingerTime=60000";

        for (String id : ids("test-", 2)) {
            Exchange exchange = template.send(uri, e -> {
                e.getMessage().setHeader(CLOUD_EVENT_ID, id);
                e.getMessage().setBody("{\"order\":\"" + id + "\"}");
            });
            assertThat(exchange.getException()).isNull();
        }

        assertThat(endpoint(uri).getProduceRequestCount()).isEqualTo(2);
    }

    private static List<String> ids(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(n -> prefix + n).toList();
    }

    /** Sends one exchange per id at once (each with an order as data and the headers given for its id). */
    private List<CompletableFuture<Exchange>> sendAll(String uri, List<String> ids, Map<String, Map<String, Object>> headers) {
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (String id : ids) {
            Exchange exchange = exchangeFor(id);
            headers.getOrDefault(id, Map.of()).forEach(exchange.getMessage()::setHeader);
            sent.add(template.asyncSend(uri, exchange));
        }
        return sent;
    }

    /** Hands one exchange per id to the producer, as a route would, without waiting for the answers. */
    private List<CompletableFuture<Exchange>> processAll(AsyncProducer producer, List<String> ids) {
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (String id : ids) {
            Exchange exchange = exchangeFor(id);
            CompletableFuture<Exchange> answer = new CompletableFuture<>();
            producer.process(exchange, doneSync -> answer.complete(exchange));
            sent.add(answer);
        }
        return sent;
    }

    private Exchange exchangeFor(String id) {
        Exchange exchange = context.getEndpoint("direct:lingering").createExchange();
        exchange.getMessage().setHeader(CLOUD_EVENT_ID, id);
        exchange.getMessage().setBody("{\"order\":\"" + id + "\"}");
        return exchange;
    }

    private AsyncProducer startedProducer(String uri) throws Exception {
        AsyncProducer producer = context.getEndpoint(uri).createAsyncProducer();
        ServiceHelper.startService(producer);
        return producer;
    }

    private static List<Exchange> answers(List<CompletableFuture<Exchange>> sent) {
        within(20).until(() -> sent.stream().allMatch(CompletableFuture::isDone));
        return sent.stream().map(CompletableFuture::join).toList();
    }

    private MConnectEventsEndpoint endpoint(String uri) {
        return context.getEndpoint(uri, MConnectEventsEndpoint.class);
    }

    private void assertConsumed(Set<String> ids) {
        MockEndpoint consumed = getMockEndpoint("mock:consumed");
        within(20).untilAsserted(() -> assertThat(consumed.getReceivedExchanges().stream().map(EmulatorRouteTestSupport::idOf)
                .collect(Collectors.toSet())).isEqualTo(ids));
    }
}
