package org.mconnectevents.camel.jpa.idempotency;

import jakarta.persistence.EntityManager;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.processor.idempotent.jpa.MessageProcessed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mconnectevents.camel.MConnectEventsDecodeException;
import org.mconnectevents.camel.jpa.schema.SqlScripts;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.camel.support.RegistryConsumption;
import org.mconnectevents.camel.jpa.support.TestDatabase;
import org.mconnectevents.camel.jpa.support.TransactedDatabase;
import org.mconnectevents.emulator.config.PoisonKind;
import org.mconnectevents.emulator.event.Injection;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * A transacted route with {@code idempotentConsumer(EventKey.eventKey(), MConnectEventsIdempotency.jpaRepository(...))}
 * applies each event exactly once: a duplicate delivery finds the key its first delivery committed and is skipped;
 * a delivery that fails after its business write rolls back the write and the key together, so the redelivered
 * event is applied; and an event reported dead by {@code deadLetterChannel("mconnect-events:dead")} commits nothing.
 */
class IdempotentConsumptionTest extends EmulatorRouteTestSupport {

    private TransactedDatabase database;
    /** Applications per event id, counted by the business step (consumer threads write, the test reads). */
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    @ParameterizedTest(name = "on {0}")
    @EnumSource(TestDatabase.Kind.class)
    void aDuplicateDeliveryOfAnEventIsSkippedAndConfirmed(TestDatabase.Kind kind) throws Exception {
        useDatabase(kind);
        consumeIntoLedger(applyOrder(false));

        OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1"), OrderEvents.order("order-2", "customer:1")));
        OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "ledger").confirmed()).isEqualTo(3));
        assertThat(appliedOrders()).extracting(AppliedOrder::getEventId).containsExactlyInAnyOrder("order-1", "order-2");
        assertThat(attempts).containsExactlyInAnyOrderEntriesOf(Map.of("order-1", 1, "order-2", 1));
        assertThat(processedKeys()).containsExactlyInAnyOrder("ledger " + EventKey.of(EmulatorClients.SOURCE, "order-1"),
                "ledger " + EventKey.of(EmulatorClients.SOURCE, "order-2"));
        assertThat(emulator.deadEvents(EmulatorClients.REGISTRY)).isEmpty();
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(TestDatabase.Kind.class)
    void aFailureAfterTheBusinessWriteRollsBackTheWriteAndTheKeySoTheRedeliveryIsApplied(TestDatabase.Kind kind) throws Exception {
        useDatabase(kind);
        consumeIntoLedger(applyOrder(true));

        OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "ledger").confirmed()).isEqualTo(1));
        assertThat(attempts).as("the redelivery was applied, not skipped as a duplicate").containsEntry("order-1", 2);
        assertThat(appliedOrders()).singleElement()
                .satisfies(order -> assertThat(order.getAttempt()).as("only the second attempt's write survives").isEqualTo(2));
        assertThat(processedKeys()).containsExactly("ledger " + EventKey.of(EmulatorClients.SOURCE, "order-1"));
        assertThat(emulator.deadEvents(EmulatorClients.REGISTRY)).as("a technical failure is never dead").isEmpty();
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(TestDatabase.Kind.class)
    void aStructuralFailureAfterTheBusinessWriteReportsTheEventDeadAndCommitsNothingOfIt(TestDatabase.Kind kind) throws Exception {
        useDatabase(kind);
        Processor write = applyOrder(false);
        consumeIntoLedger(exchange -> {
            write.process(exchange);
            throw new IllegalArgumentException("order " + idOf(exchange) + " names no customer");
        });

        OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "ledger").confirmed()).isEqualTo(1));
        assertThat(emulator.deadEvents(EmulatorClients.REGISTRY)).singleElement().satisfies(dead -> assertThat(
                dead.path("deadreason").asText()).isEqualTo("java.lang.IllegalArgumentException: order order-1 names no customer"));
        assertThat(attempts).containsExactlyEntriesOf(Map.of("order-1", 1));
        assertThat(appliedOrders()).isEmpty();
        assertThat(processedKeys()).isEmpty();
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(TestDatabase.Kind.class)
    void aPoisonEventReachesTheDeadLetterChannelThoughTheRouteStartsWithTransactedAndTheEventsAfterItAreApplied(
            TestDatabase.Kind kind) throws Exception {
        useDatabase(kind);
        consumeIntoLedger(applyOrder(false));

        OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));
        emulator.inject(EmulatorClients.REGISTRY, Injection.poison(PoisonKind.MISSING_TYPE, EmulatorClients.SOURCE, null,
                "poison-1").partitionKey("customer:1"));
        OrderEvents.produce(template, List.of(OrderEvents.order("order-2", "customer:1")));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "ledger").confirmed()).isEqualTo(3));
        assertThat(emulator.deadEvents(EmulatorClients.REGISTRY)).singleElement().satisfies(dead -> {
            assertThat(dead.path("id").asText()).isEqualTo("poison-1");
            assertThat(dead.path("deadreason").asText()).startsWith(MConnectEventsDecodeException.class.getName());
        });
        assertThat(appliedOrders()).extracting(AppliedOrder::getEventId).containsExactly("order-1", "order-2");
        assertThat(processedKeys()).hasSize(2);
    }

    private void useDatabase(TestDatabase.Kind kind) {
        database = TransactedDatabase.open(context, kind, List.of(SqlScripts.Tables.IDEMPOTENCY.script(kind.name()),
                "org/mconnectevents/camel/jpa/idempotency/applied-order.sql"), MessageProcessed.class, AppliedOrder.class);
    }

    /** The route an integrator writes: dead letters for structural failures, then the transaction. */
    private void consumeIntoLedger(Processor business) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mconnect-events:dead"));
                from("mconnect-events:events?group=ledger&reconnectDelay=10")
                        .transacted("PROPAGATION_REQUIRED")
                        .idempotentConsumer(EventKey.eventKey(), MConnectEventsIdempotency.jpaRepository(database.factory(), database.transactionManager(), "ledger"))
                        .process(business);
            }
        });
    }

    /** Writes the order in the route's transaction; with {@code failOnce}, then fails the first attempt technically. */
    private Processor applyOrder(boolean failOnce) {
        EntityManager entityManager = SharedEntityManagerCreator.createSharedEntityManager(database.factory());
        return exchange -> {
            String id = idOf(exchange);
            int attempt = attempts.merge(id, 1, Integer::sum);
            entityManager.persist(new AppliedOrder(id, attempt));
            entityManager.flush();
            if (failOnce && attempt == 1) {
                throw new SQLTransientConnectionException("the ledger's second database did not answer within 30 s");
            }
        };
    }

    private List<AppliedOrder> appliedOrders() {
        return database.query("select o from AppliedOrder o", AppliedOrder.class);
    }

    private List<String> processedKeys() {
        return database.query("select m from " + MessageProcessed.class.getName() + " m", MessageProcessed.class).stream()
                .map(m -> m.getProcessorName() + " " + m.getMessageId()).toList();
    }

    @AfterEach
    void closeDatabase() {
        context.stop();
        if (database != null) {
            database.close();
        }
    }
}
