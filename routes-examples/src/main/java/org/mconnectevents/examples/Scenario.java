package org.mconnectevents.examples;

import org.mconnectevents.camel.checklist.MConnectEventsChecklist;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.mconnectevents.camel.MConnectEventsConstants;

/**
 * The example's script, played against the running application:
 * <ol>
 * <li>customers place orders through the HTTP intake (order + outbox row, relayed to MConnect Events);</li>
 * <li>a producer that lost the service's answer sends the same event again (a duplicate delivery);</li>
 * <li>an order naming no item arrives (structurally bad: it goes dead after its idempotency key and personal-data record were written, so they roll back; the review route sees it);</li>
 * <li>more orders are placed and, while the consumer works through them, the database goes down for a while:
 * the events it cannot store are refused, come again, and are stored once the database is back.</li>
 * </ol>
 * Then it counts what happened. Runs on the caller's thread; the counters it reads are thread-safe.
 */
public final class Scenario {

    private static final List<String> CUSTOMERS = List.copyOf(CitizenRegistryRoutes.CITIZENS.keySet());

    private final CamelContext context;
    private final ShopDatabase database;
    private final EventTally tally;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final URI intake;
    private final int orders;
    private final Duration outage;
    private final Duration timeout;
    private final Set<String> produced = new LinkedHashSet<>();
    /** The events the script makes structurally bad: the only ones that may be reported dead. */
    private final Set<String> meantToDie = new LinkedHashSet<>();

    public Scenario(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        this.context = context;
        this.database = context.getRegistry().lookupByNameAndType("shopDatabase", ShopDatabase.class);
        this.tally = context.getRegistry().lookupByNameAndType("eventTally", EventTally.class);
        this.intake = URI.create("http://127.0.0.1:" + properties.parseUri("{{example.http.port}}") + "/orders");
        this.orders = Integer.parseInt(properties.parseUri("{{example.scenario.orders}}"));
        this.outage = duration(properties.parseUri("{{example.scenario.outage}}"));
        this.timeout = duration(properties.parseUri("{{example.scenario.timeout}}"));
    }

    /** Plays the script and reports; never throws for events that went missing, it reports them. */
    public ScenarioReport play() throws Exception {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        narrate("1. " + orders + " orders through the intake");
        placeOrders(orders);
        narrate("2. one event produced twice, as a producer does when it lost the service's answer");
        produceTwice(goodOrderEvent());
        narrate("3. an order that names no item (structurally bad: it goes dead, and nothing of it is stored)");
        Map<String, Object> bad = orderNamingNoItem();
        meantToDie.add((String) bad.get("id"));
        produce(bad);
        boolean completed = waitUntil(this::everythingArrived, deadline);

        narrate("4. " + orders + " more orders; the database goes down for " + outage.toMillis()
                + " ms while the consumer works through them");
        long storedBefore = database.count("received_order");
        placeOrders(orders);
        completed &= waitUntil(() -> database.count("received_order") > storedBefore, deadline);
        database.dataSource().down();
        Thread.sleep(outage.toMillis());
        database.dataSource().up();
        narrate("   the database is back");
        completed &= waitUntil(this::everythingArrived, deadline);
        return report(completed, Duration.between(start, Instant.now()));
    }

    private void placeOrders(int count) throws IOException, InterruptedException {
        for (int n = 0; n < count; n++) {
            String order = "{\"customerIdnp\":\"" + CUSTOMERS.get(n % CUSTOMERS.size()) + "\",\"item\":\"birth certificate copy\","
                    + "\"quantity\":" + (1 + n % 3) + "}";
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(intake).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(order)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("the order intake refused " + order + ": " + answer.statusCode() + " " + answer.body());
            }
            // the intake answers with the event's data; the event's id is the order's id
            produced.add(json.readTree(answer.body()).path("orderId").asText());
        }
    }

    private Map<String, Object> goodOrderEvent() {
        String id = UUID.randomUUID().toString();
        return Map.of("id", id, "data", "{\"orderId\":\"" + id + "\",\"customer\":{\"idnp\":\"" + CUSTOMERS.get(0)
                + "\"},\"item\":\"passport photo\",\"quantity\":1}");
    }

    private Map<String, Object> orderNamingNoItem() {
        String id = "bad-" + UUID.randomUUID();
        return Map.of("id", id, "data", "{\"orderId\":\"" + id + "\",\"customer\":{\"idnp\":\"" + CUSTOMERS.get(0)
                + "\"},\"quantity\":1}");
    }

    private void produceTwice(Map<String, Object> event) {
        produce(event);
        produce(event);
    }

    private void produce(Map<String, Object> event) {
        PropertiesComponent properties = context.getPropertiesComponent();
        String id = (String) event.get("id");
        context.createFluentProducerTemplate().to("mconnect-events:events").withBody(event.get("data"))
                .withHeader(MConnectEventsConstants.CLOUD_EVENT_ID, id)
                .withHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE, properties.parseUri("{{shop.event.source}}"))
                .withHeader(MConnectEventsConstants.CLOUD_EVENT_TYPE, properties.parseUri("{{shop.event.type}}"))
                .send();
        produced.add(id);
    }

    private boolean everythingArrived() {
        return lost().isEmpty();
    }

    /**
     * The produced events that were neither stored nor reported dead as the script meant. A good event reported dead
     * counts as lost: a technical failure (the outage) must never make an event dead.
     */
    private Set<String> lost() {
        Set<String> missing = new HashSet<>(produced);
        missing.removeAll(database.eventIdsReceived());
        tally.deadReviewed().keySet().stream().filter(meantToDie::contains).forEach(missing::remove);
        return missing;
    }

    private ScenarioReport report(boolean completed, Duration took) {
        return new ScenarioReport(context.getRoute("order-consumer").getDescription(), produced.size(), database.count("received_order"), tally.duplicateDeliveries(),
                tally.deadReviewed(), database.count(ShopDatabase.PERSONAL_DATA_RECORDS),
                database.dataSource().refusedConnections(), lost(), completed, took, MConnectEventsChecklist.of(context));
    }

    /** The story goes to the console, whatever the log configuration. */
    private static void narrate(String step) {
        System.out.println(">>> " + step);
    }

    private static boolean waitUntil(BooleanSupplier condition, Instant deadline) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static Duration duration(String text) {
        return Duration.ofMillis(org.apache.camel.util.TimeUtils.toMilliSeconds(text));
    }
}
