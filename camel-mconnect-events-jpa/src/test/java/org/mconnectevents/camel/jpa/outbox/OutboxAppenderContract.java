package org.mconnectevents.camel.jpa.outbox;

import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.mconnectevents.client.MConnectEventsRejectedException;
import org.mconnectevents.camel.jpa.schema.SqlScripts;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.mconnectevents.camel.jpa.support.TestDatabase;
import org.mconnectevents.camel.jpa.support.TestEntityManagers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;

/**
 * The business write and its outbox row commit together in a transacted route, or not at all; a relay started from
 * the route template in a RouteBuilder then sends the event.
 */
abstract class OutboxAppenderContract extends EmulatorRouteTestSupport {

    private TestDatabase database;
    private EntityManagerFactory entityManagerFactory;
    private final List<String> consumed = new CopyOnWriteArrayList<>();

    protected abstract TestDatabase.Kind kind();

    @Override
    protected void setupResources() throws Exception {
        super.setupResources();
        database = TestDatabase.open(kind()).apply(SqlScripts.Tables.OUTBOX.script(kind().name()));
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE placed_order (id VARCHAR(64) PRIMARY KEY)");
        }
        entityManagerFactory = TestEntityManagers.factory(database, OutboxEvent.class, PlacedOrder.class);
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        context.stop();
        entityManagerFactory.close();
        database.close();
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        registry.bind("PROPAGATION_REQUIRED", new SpringTransactionPolicy(TestEntityManagers.transactionManager(entityManagerFactory)));
        registry.bind("ordersDataSource", database.dataSource());
        registry.bind("ordersEntityManagerFactory", entityManagerFactory);
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new OutboxRelayRoutes(), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:place-order").transacted()
                        .process(exchange -> exchange.getMessage().setBody(new PlacedOrder(exchange.getMessage().getHeader("order", String.class))))
                        .to("jpa:" + PlacedOrder.class.getName() + "?entityManagerFactory=#ordersEntityManagerFactory&sharedEntityManager=true")
                        .setBody(simple("{\"order\":\"${header.order}\"}"))
                        .setHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE, constant(SOURCE))
                        .setHeader(MConnectEventsConstants.PARTITION_KEY, simple("customer-${header.customer}"))
                        .process(Outbox.append(entityManagerFactory))
                        .filter(header("failAfterwards"))
                            .throwException(new IllegalStateException("the business step after the outbox row failed"));

                from("direct:untransacted").process(Outbox.append(entityManagerFactory));

                templatedRoute(OutboxRelayRoutes.TEMPLATE).routeId("outbox-relay")
                        .parameter("dataSource", "ordersDataSource").parameter("pollInterval", "20");

                from("mconnect-events:events?group=appender-test").routeId("consumer")
                        .process(exchange -> consumed.add(exchange.getMessage().getBody(String.class)));
            }
        }};
    }

    @Test
    void theOrderAndItsEventCommitTogetherAndTheRelaySendsTheEvent() throws Exception {
        Exchange placed = template.request("direct:place-order", exchange -> {
            exchange.getMessage().setHeader("order", "o-1");
            exchange.getMessage().setHeader("customer", "7");
            exchange.getMessage().setHeader(MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED);
        });

        assertThat(placed.getException()).isNull();
        assertThat(placed.getMessage().getHeader(OutboxAppender.OUTBOX_ID, Long.class)).isNotNull();
        assertThat(placed.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID))
                .as("the generated id is forgotten once stored, so the next event gets its own").isNull();
        assertThat(count("placed_order")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> consumed.equals(List.of("{\"order\":\"o-1\"}")));
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT source, type, partition_key, event FROM mconnect_outbox")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString("source")).isEqualTo(SOURCE);
            assertThat(row.getString("type")).isEqualTo(ORDER_CREATED);
            assertThat(row.getString("partition_key")).isEqualTo("customer-7");
            assertThat(row.getString("event")).contains("\"time\":");
        }
    }

    @Test
    void aFailureLaterInTheTransactionLeavesNeitherTheOrderNorItsEvent() throws Exception {
        assertThatThrownBy(() -> template.sendBodyAndHeaders("direct:place-order", null, java.util.Map.of("order", "o-2",
                "customer", "7", MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED, "failAfterwards", true)))
                .hasRootCauseMessage("the business step after the outbox row failed");

        assertThat(count("placed_order")).isZero();
        assertThat(count("mconnect_outbox")).isZero();
    }

    @Test
    void anEventBreakingARuleIsRefusedWithTheBusinessWrite() throws Exception {
        assertThatThrownBy(() -> template.sendBodyAndHeaders("direct:place-order", null, java.util.Map.of("order", "o-3", "customer", "7")))
                .isInstanceOf(CamelExecutionException.class)
                .rootCause().isInstanceOf(MConnectEventsRejectedException.class)
                .hasMessageContaining("source=" + SOURCE).hasMessageContaining("type is required");

        assertThat(count("placed_order")).isZero();
        assertThat(count("mconnect_outbox")).isZero();
    }

    @Test
    void dataThatBreaksOutOfItsJsonValueIsRefusedWithTheBusinessWriteAndNothingIsSent() throws Exception {
        // a header value that closes the body's JSON object, which would add attributes to the event
        String order = "o-5\"},\"id\":\"forged-id";

        assertThatThrownBy(() -> template.sendBodyAndHeaders("direct:place-order", null, java.util.Map.of("order", order,
                "customer", "7", MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED, MConnectEventsConstants.CLOUD_EVENT_ID, "o-5")))
                .rootCause().isInstanceOf(MConnectEventsRejectedException.class)
                .hasMessageContaining("id=o-5").hasMessageContaining("not exactly one JSON value").hasMessageNotContaining("forged-id");

        assertThat(count("placed_order")).isZero();
        assertThat(count("mconnect_outbox")).isZero();
        assertThat(emulator.state().get("produced").asLong()).isZero();
    }

    @Test
    void outsideATransactionTheOutboxRefusesRatherThanLoseTheEvent() throws Exception {
        assertThatThrownBy(() -> template.sendBodyAndHeaders("direct:untransacted", "{}", java.util.Map.of(
                MConnectEventsConstants.CLOUD_EVENT_SOURCE, SOURCE, MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED,
                MConnectEventsConstants.CLOUD_EVENT_ID, "o-4")))
                .rootCause().isInstanceOf(jakarta.persistence.TransactionRequiredException.class)
                .hasMessageContaining("id=o-4").hasMessageContaining("no transaction").hasMessageContaining("transacted()");

        assertThat(count("mconnect_outbox")).isZero();
    }

    private long count(String table) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }
}
