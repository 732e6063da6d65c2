package org.mconnectevents.camel.jpa.docs;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.jpa.outbox.Outbox;
import org.mconnectevents.camel.jpa.outbox.OutboxRelayRoutes;
import org.mconnectevents.camel.jpa.schema.SqlScripts;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.camel.jpa.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * The outbox relay's YAML DSL example of the building blocks' documentation runs as written, against the emulator, with
 * the data source an application defines. Plain JDBC: apart from {@link DocumentedYamlTest}, whose examples need JPA.
 */
class DocumentedOutboxRelayYamlTest extends EmulatorRouteTestSupport {

    private TestDatabase database;

    @Test
    void theOutboxRelayExampleSendsTheOutbox() throws Exception {
        database = TestDatabase.open(TestDatabase.Kind.H2).apply(SqlScripts.Tables.OUTBOX.script(TestDatabase.Kind.H2.name()));
        context.getRegistry().bind("ordersDataSource", database.dataSource());
        context.addRoutes(new OutboxRelayRoutes());   // what camel.main.routes-builder-classes does in Camel Main
        DocumentationYaml.load(context, DocumentationYaml.ofSection("== Transactional outbox"));
        List<String> consumed = new CopyOnWriteArrayList<>();
        consume("mconnect-events:events?group=documented-outbox", exchange -> consumed.add(idOf(exchange)));
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            Outbox.insert(connection, OrderEvents.orders("order-", 20, n -> "customer:" + n % 3));
            connection.commit();
        }

        within(20).until(() -> consumed.size() == 20);
        assertThat(context.getRoute("outbox-relay")).isNotNull();
    }

    @AfterEach
    void closeDatabase() {
        context.stop();
        if (database != null) {
            database.close();
        }
    }
}
