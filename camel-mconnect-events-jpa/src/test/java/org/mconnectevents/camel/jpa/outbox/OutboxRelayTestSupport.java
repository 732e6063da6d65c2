package org.mconnectevents.camel.jpa.outbox;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.mconnectevents.client.EventCodec;
import org.mconnectevents.camel.jpa.schema.SqlScripts;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.camel.jpa.support.TestDatabase;

import static org.mconnectevents.camel.support.EmulatorClients.PERSON_REGISTERED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;

/**
 * Outbox tests against the emulator on one database: rows are written with {@link Outbox#insert}, relays run from the
 * route template, and a consumer route records what the service delivered, per partition key.
 */
abstract class OutboxRelayTestSupport extends EmulatorRouteTestSupport {

    protected TestDatabase database;
    /** The ids consumed, per partition key, in the order they came (guarded by itself). */
    protected final Map<String, List<String>> consumed = Collections.synchronizedMap(new LinkedHashMap<>());

    protected abstract TestDatabase.Kind kind();

    @Override
    protected void setupResources() throws Exception {
        super.setupResources();
        database = TestDatabase.open(kind(), 12).apply(SqlScripts.Tables.OUTBOX.script(kind().name()));
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        context.stop();   // the relays first: they use the database
        if (database != null) {
            database.close();
        }
    }

    /** Starts the consumer that records what the service delivered. */
    protected void consumeAll() throws Exception {
        consume("mconnect-events:events?group=outbox-test", exchange -> {
            String key = exchange.getMessage().getHeader(MConnectEventsConstants.PARTITION_KEY, "(none)", String.class);
            synchronized (consumed) {
                consumed.computeIfAbsent(key, k -> new ArrayList<>()).add(idOf(exchange));
            }
        });
    }

    /** Starts a relay route from the template, on this test's database, polling every 20 ms. */
    protected void startRelay(String routeId, String... parameters) throws Exception {
        context.getRegistry().bind("outboxDataSource", database.dataSource());
        TemplatedRouteBuilder relay = OutboxRelayRoutes.relay(context).routeId(routeId).parameter("relayId", routeId)
                .parameter("dataSource", "outboxDataSource").parameter("pollInterval", "20")
                .parameter("backOff", "50").parameter("maxBackOff", "200");
        for (int i = 0; i < parameters.length; i += 2) {
            relay.parameter(parameters[i], parameters[i + 1]);
        }
        relay.add();
    }

    /** Writes events to the outbox in one transaction. */
    protected void insert(List<CloudEvent> events) throws SQLException {
        insert(database.dataSource(), events);
    }

    static void insert(DataSource dataSource, List<CloudEvent> events) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            Outbox.insert(connection, events);
            connection.commit();
        }
    }

    /** Orders {@code prefix0..}, the key of order n given by {@code keyOf}. */
    protected static List<CloudEvent> orders(String prefix, int count, IntFunction<String> keyOf) {
        return OrderEvents.orders(prefix, count, keyOf);
    }

    /** A person event; valid for the type's schema or not. */
    protected static CloudEvent person(String id, String partitionKey, boolean valid) {
        String data = valid ? "{\"idnp\":\"2001234567890\",\"name\":\"Ion\"}" : "{\"name\":\"no idnp\"}";
        return CloudEventBuilder.v1().withId(id).withSource(URI.create(SOURCE)).withType(PERSON_REGISTERED)
                .withExtension(EventCodec.PARTITION_KEY, partitionKey)
                .withData("application/json", data.getBytes(StandardCharsets.UTF_8)).build();
    }

    /** A count from the outbox table. */
    protected long count(String where) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM mconnect_outbox WHERE " + where)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** How many ids were consumed in all. */
    protected int consumedCount() {
        synchronized (consumed) {
            return consumed.values().stream().mapToInt(List::size).sum();
        }
    }

    /** The ids consumed for one key. */
    protected List<String> consumedFor(String key) {
        synchronized (consumed) {
            return List.copyOf(consumed.getOrDefault(key, List.of()));
        }
    }
}
