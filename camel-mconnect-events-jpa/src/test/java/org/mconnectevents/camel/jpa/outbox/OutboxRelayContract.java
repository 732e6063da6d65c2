package org.mconnectevents.camel.jpa.outbox;

import io.cloudevents.CloudEvent;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.mconnectevents.client.MConnectEventsRejectedException;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.camel.support.LogCapture;
import org.mconnectevents.emulator.config.Faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What the outbox relay does, on every database it supports (the subclasses name the database). */
abstract class OutboxRelayContract extends OutboxRelayTestSupport {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String IDNP = "2009876543210";

    @Test
    void sendsPendingRowsInTheirOrderAndMarksThemSent() throws Exception {
        consumeAll();
        insert(orders("order-", 300, n -> "customer-" + n % 7));
        startRelay("relay");

        await().atMost(BOUND).until(() -> consumedCount() == 300);
        for (int key = 0; key < 7; key++) {
            assertThat(consumedFor("customer-" + key)).isSortedAccordingTo(OutboxRelayContract::byNumber);
        }
        await().atMost(BOUND).until(() -> count("sent_at IS NULL") == 0);
        // the relay counts a transaction's rows once it has committed, a moment after they show as sent
        OutboxRelay relay = context.getRegistry().lookupByNameAndType("outbox-relay", OutboxRelay.class);
        await().atMost(BOUND).untilAsserted(() -> assertThat(relay.getSentCount()).isEqualTo(300));
    }

    @Test
    void parksAnEventRefusedForGoodAndHoldsBackItsKeyOnly() throws Exception {
        consumeAll();
        insert(List.of(person("a1", "key-a", false), person("a2", "key-a", true),
                person("b1", "key-b", true), person("b2", "key-b", true)));
        MockEndpoint reports = getMockEndpoint("mock:parked");
        reports.expectedMessageCount(1);
        reports.expectedHeaderReceived(MConnectEventsConstants.CLOUD_EVENT_ID, "a1");
        startRelay("relay", "parkedEndpoint", "mock:parked");

        await().atMost(BOUND).until(() -> consumedFor("key-b").size() == 2);
        OutboxOperations operations = new OutboxOperations(database.dataSource());
        await().atMost(BOUND).until(() -> operations.parked().size() == 1);
        OutboxOperations.Parked parked = operations.parked().get(0);
        assertThat(parked.eventId()).isEqualTo("a1");
        assertThat(parked.error()).contains("422");
        assertThat(consumedFor("key-a")).isEmpty();
        assertThat(operations.pendingCount()).isEqualTo(1);   // a2 waits behind a1
        reports.assertIsSatisfied();
        assertThat(reports.getExchanges().get(0).getMessage().getHeader(OutboxParkedReports.PARKED_ERROR, String.class)).contains("422");

        assertThat(operations.giveUp(parked.id(), "data fixed at the source, sent again as a3")).isTrue();
        await().atMost(BOUND).until(() -> consumedFor("key-a").equals(List.of("a2")));
        assertThat(operations.parked()).isEmpty();
    }

    @Test
    void stopsParkingAfterTooManyRefusalsInARowEvenAcrossTransactions() throws Exception {
        insert(List.of(person("p1", "key-1", false), person("p2", "key-2", false), person("p3", "key-3", false),
                person("p4", "key-4", false), person("p5", "key-5", false)));
        startRelay("relay", "maxParkedInARow", "2", "maxEventsPerRequest", "1");
        OutboxRelay relay = context.getRegistry().lookupByNameAndType("outbox-relay", OutboxRelay.class);

        await().atMost(BOUND).until(() -> relay.getFailureCount() >= 3);
        assertThat(new OutboxOperations(database.dataSource()).parked()).extracting(OutboxOperations.Parked::eventId)
                .containsExactly("p1", "p2");
        assertThat(count("sent_at IS NULL AND parked_at IS NULL")).isEqualTo(3);
        assertThat(relay.getLastError()).contains("configuration error");
    }

    @Test
    void parksARowWhoseStoredEventCannotBeReadAndSendsTheRest() throws Exception {
        consumeAll();
        insert(orders("order-", 6, n -> "customer-" + n % 2));
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE mconnect_outbox SET event = '{\"specversion\":' WHERE event_id = 'order-2'");
        }
        startRelay("relay");

        await().atMost(BOUND).until(() -> consumedCount() == 4);
        assertThat(consumedFor("customer-0")).containsExactly("order-0");   // order-4 waits behind order-2
        assertThat(consumedFor("customer-1")).containsExactly("order-1", "order-3", "order-5");
        // the events are consumed before the relay's transaction, which parks order-2, commits
        await().atMost(BOUND).untilAsserted(() -> assertThat(new OutboxOperations(database.dataSource()).parked()).singleElement().satisfies(row -> {
            assertThat(row.eventId()).isEqualTo("order-2");
            assertThat(row.error()).contains("not a CloudEvent");
        }));
    }

    @Test
    void anEventWhoseJsonDataIsNotOneValueIsRefusedWhenWrittenToTheOutbox() throws Exception {
        CloudEvent forged = OrderEvents.orderCreated("forged-1", "customer-1", "{\"a\":1},\"id\":\"forged-id\"");

        assertThatThrownBy(() -> insert(List.of(orders("order-", 1, n -> "customer-1").get(0), forged)))
                .isInstanceOfSatisfying(MConnectEventsRejectedException.class, refused -> assertThat(refused.getMessage())
                        .contains("id=forged-1").contains("not exactly one JSON value").doesNotContain("forged-id"));
        assertThatThrownBy(() -> Outbox.row(forged)).isInstanceOf(MConnectEventsRejectedException.class);

        assertThat(count("1 = 1")).as("rows written").isZero();
    }

    @Test
    void parksARowWhoseJsonDataIsNotOneValueUnsentAndSendsTheRest() throws Exception {
        consumeAll();
        insert(orders("order-", 4, n -> "customer-" + n % 2));
        // written by other code: JSON data in base 64, which would be copied into the event's JSON as it is
        String forging = Base64.getEncoder().encodeToString("{\"a\":1},\"id\":\"forged-id\"".getBytes(StandardCharsets.UTF_8));
        updateStoredEvent("order-2", "{\"specversion\":\"1.0\",\"id\":\"order-2\",\"source\":\"" + EmulatorClients.SOURCE
                + "\",\"type\":\"" + EmulatorClients.ORDER_CREATED + "\",\"partitionkey\":\"customer-0\","
                + "\"datacontenttype\":\"application/json\",\"data_base64\":\"" + forging + "\"}");
        startRelay("relay");

        await().atMost(BOUND).until(() -> consumedCount() == 3);
        assertThat(consumedFor("customer-0")).containsExactly("order-0");   // order-2 is parked, not sent
        assertThat(consumedFor("customer-1")).containsExactly("order-1", "order-3");
        await().atMost(BOUND).untilAsserted(() -> assertThat(new OutboxOperations(database.dataSource()).parked()).singleElement()
                .satisfies(row -> {
                    assertThat(row.eventId()).isEqualTo("order-2");
                    assertThat(row.error()).contains("id=order-2").contains("not exactly one JSON value").doesNotContain("forged-id");
                }));
        assertThat(count("event_id = 'order-2' AND sent_at IS NULL")).as("order-2 stays unsent").isEqualTo(1);
        assertThat(emulator.state().get("produced").asLong()).as("events the service stored").isEqualTo(3);
    }

    @Test
    void sendsARowWhoseStoredEventHoldsVendorJsonObjectData() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        consume("mconnect-events:events?group=vendor-json", exchange -> bodies.add(exchange.getMessage().getBody(String.class)));
        insert(orders("order-", 1, n -> "customer-0"));
        updateStoredEvent("order-0", "{\"specversion\":\"1.0\",\"id\":\"order-0\",\"source\":\"" + EmulatorClients.SOURCE
                + "\",\"type\":\"" + EmulatorClients.ORDER_CREATED + "\",\"partitionkey\":\"customer-0\","
                + "\"datacontenttype\":\"application/vnd.x+json\",\"data\":{\"order\":\"order-0\"}}");
        startRelay("relay");

        await().atMost(BOUND).until(() -> bodies.equals(List.of("{\"order\":\"order-0\"}")));
        await().atMost(BOUND).until(() -> count("sent_at IS NULL") == 0);
        assertThat(new OutboxOperations(database.dataSource()).parked()).isEmpty();
    }

    @Test
    void parkedRowsAreLoggedAndRecordedWithoutTheirDataOrPartitionKey() throws Exception {
        insertRefusedAndUnreadableRowsOfAPerson();
        try (LogCapture log = LogCapture.everything()) {
            startRelay("relay");

            await().atMost(BOUND).until(() -> log.warnings().stream().filter(line -> line.startsWith("Parked")).count() == 2);
            assertThat(log.written()).noneMatch(line -> line.contains(IDNP));
        }
        assertThat(new OutboxOperations(database.dataSource()).parked()).hasSize(2)
                .allSatisfy(row -> assertThat(row.error()).doesNotContain(IDNP));
    }

    @Test
    void withLogEventDataAParkedRowIsLoggedWithItsPartitionKey() throws Exception {
        insertRefusedAndUnreadableRowsOfAPerson();
        try (LogCapture log = LogCapture.everything()) {
            startRelay("relay", "endpoint", "mconnect-events:events?logEventData=true");

            await().atMost(BOUND).until(() -> log.warnings().stream().filter(line -> line.startsWith("Parked")).count() == 2);
            assertThat(log.warnings()).filteredOn(line -> line.startsWith("Parked"))
                    .anyMatch(line -> line.contains("person:" + IDNP)).anyMatch(line -> line.contains("guardian:" + IDNP));
        }
    }

    /** Two rows whose partition keys carry an IDNP: one the service refuses (422), one whose stored JSON is broken there. */
    private void insertRefusedAndUnreadableRowsOfAPerson() throws SQLException {
        insert(List.of(person("refused", "person:" + IDNP, false), person("unreadable", "guardian:" + IDNP, true)));
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            // the JSON parser quotes the token it cannot read
            statement.executeUpdate("UPDATE mconnect_outbox SET event = '{\"specversion\": x" + IDNP + "' WHERE event_id = 'unreadable'");
        }
    }

    @Test
    void keepsRowsPendingWhileTheServiceIsUnavailableAndSendsThemAfterwards() throws Exception {
        consumeAll();
        emulator.setFaults(Faults.builder().produceFailRate(1.0).build());
        insert(orders("order-", 20, n -> "customer-" + n % 3));
        startRelay("relay");

        await().atMost(BOUND).until(() -> count("attempts >= 2") == 20);
        assertThat(count("sent_at IS NULL AND parked_at IS NULL")).isEqualTo(20);
        assertThat(count("last_error LIKE '%500%'")).isEqualTo(20);

        emulator.clearFaults();
        await().atMost(BOUND).until(() -> consumedCount() == 20);
        await().atMost(BOUND).until(() -> count("sent_at IS NULL") == 0);
    }

    @Test
    void aRelayDyingBeforeItsCommitLosesNothing() throws Exception {
        consumeAll();
        insert(orders("order-", 100, n -> "customer-" + n % 5));
        AtomicBoolean dieOnce = new AtomicBoolean(true);
        context.getRegistry().bind("dyingDataSource", dyingBeforeMarkingSent(database.dataSource(), dieOnce));
        startRelay("relay", "dataSource", "dyingDataSource");

        await().atMost(BOUND).until(() -> count("sent_at IS NULL") == 0);
        assertThat(dieOnce).isFalse();
        await().atMost(BOUND).until(() -> consumed.values().stream().flatMap(List::stream).distinct().count() == 100);
        for (int key = 0; key < 5; key++) {
            List<String> ids = consumedFor("customer-" + key);
            assertThat(ids.stream().distinct().toList()).isSortedAccordingTo(OutboxRelayContract::byNumber).hasSize(20);
        }
    }

    @Test
    void purgesRowsSentLongerAgoThanTheRetention() throws Exception {
        consumeAll();
        insert(orders("order-", 10, n -> null));
        startRelay("relay", "retention", "1", "purgeInterval", "10");

        await().atMost(BOUND).until(() -> consumedCount() == 10);
        await().atMost(BOUND).until(() -> count("1 = 1") == 0);
    }

    private void updateStoredEvent(String eventId, String event) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("UPDATE mconnect_outbox SET event = ? WHERE event_id = ?")) {
            statement.setString(1, event);
            statement.setString(2, eventId);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    /** Orders by the number at the end of an id ({@code order-12} after {@code order-9}). */
    static int byNumber(String a, String b) {
        return Integer.compare(number(a), number(b));
    }

    private static int number(String id) {
        return Integer.parseInt(id.replaceAll("^\\D+", ""));
    }

    /**
     * A data source whose first connection fails when the relay marks rows sent, after the service stored them: the
     * relay's transaction rolls back, as when its process dies at that point.
     */
    private static DataSource dyingBeforeMarkingSent(DataSource dataSource, AtomicBoolean dieOnce) {
        return (DataSource) Proxy.newProxyInstance(OutboxRelayContract.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = method.invoke(dataSource, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection connection = (Connection) result;
                    return Proxy.newProxyInstance(OutboxRelayContract.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("prepareStatement") && a[0].toString().contains("SET sent_at")
                                        && dieOnce.compareAndSet(true, false)) {
                                    throw new SQLTransientConnectionException("connection lost before the commit", "08006");
                                }
                                try {
                                    return m.invoke(connection, a);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                });
    }
}
