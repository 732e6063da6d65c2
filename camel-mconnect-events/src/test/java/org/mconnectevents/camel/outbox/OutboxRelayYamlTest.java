package org.mconnectevents.camel.outbox;

import java.time.Duration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A relay started from YAML DSL with the route template, in one {@code templatedRoute} (H2). */
class OutboxRelayYamlTest extends OutboxRelayTestSupport {

    private static final String RELAY_YAML = """
            - templatedRoute:
                routeTemplateRef: mconnect-events-outbox-relay
                routeId: outbox-relay
                parameters:
                  - name: dataSource
                    value: outboxDataSource
                  - name: pollInterval
                    value: "20"
            """;

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }

    @Test
    void aYamlTemplatedRouteStartsARelay() throws Exception {
        consumeAll();
        context.getRegistry().bind("outboxDataSource", database.dataSource());
        context.addRoutes(new OutboxRelayRoutes());   // what camel.main.routes-builder-classes does in Camel Main
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("relay.yaml", RELAY_YAML));
        insert(orders("order-", 20, n -> "customer-" + n % 3));

        await().atMost(Duration.ofSeconds(30)).until(() -> consumedCount() == 20);
        assertThat(context.getRoute("outbox-relay")).isNotNull();
        assertThat(count("sent_at IS NULL")).isZero();
    }
}
