package org.mconnectevents.camel.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.processor.idempotent.jpa.JpaMessageIdRepository;
import org.apache.camel.processor.idempotent.jpa.MessageProcessed;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.idempotency.EventKey;
import org.mconnectevents.camel.personaldata.PersonalDataPolicy;
import org.mconnectevents.camel.personaldata.PersonalDataRecord;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.camel.support.TestDatabase;
import org.mconnectevents.camel.support.TransactedDatabase;
import org.mconnectevents.camel.outbox.Outbox;
import org.mconnectevents.camel.outbox.OutboxRelayRoutes;
import java.sql.Connection;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * The YAML DSL examples of the component's documentation run as written (their {@code jpa:...} business step
 * replaced by a mock), against the emulator, with the beans an application defines: {@code entityManagerFactory},
 * {@code transactionManager} and the {@code PROPAGATION_REQUIRED} policy.
 */
class DocumentedYamlTest extends EmulatorRouteTestSupport {

    private static final Path DOC = Path.of("src/main/docs/mconnect-events-component.adoc");

    private TransactedDatabase database;

    @Test
    void theIdempotentConsumptionExampleAppliesADuplicatedEventOnce() throws Exception {
        useDatabase();
        load(yamlOfSection("== Idempotent consumption"));
        MockEndpoint applied = getMockEndpoint("mock:applied");
        applied.expectedMessageCount(1);

        OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));
        OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));

        within(20).untilAsserted(() -> assertThat(processedKeys()).containsExactly(EventKey.of(EmulatorClients.SOURCE, "order-1")));
        applied.assertIsSatisfied();
        assertThat(context.getRegistry().lookupByName("processedEvents")).isInstanceOf(JpaMessageIdRepository.class);
    }

    @Test
    void thePersonalDataExampleMakesThePolicyAndLetsOtherTypesPass() throws Exception {
        useDatabase();
        load(yamlOfSection("== Personal-data record"));
        MockEndpoint applied = getMockEndpoint("mock:applied");
        applied.expectedMessageCount(1);

        OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));

        applied.assertIsSatisfied();
        PersonalDataPolicy policy = context.getRegistry().lookupByNameAndType("personalDataPolicy", PersonalDataPolicy.class);
        assertThat(policy.getIdno()).isEqualTo("1003600000002");
        assertThat(policy.rule("MS.eCMND.Person.Born").getSubjects()).containsExactly("$.ChildIDNP", "$.Parents[*].IDNP");
        assertThat(policy.rule("MS.eCMND.Person.Born").getLegalBasis()).isEqualTo("Law 133/2011, art. 5");
    }

    @Test
    void theOutboxRelayExampleSendsTheOutbox() throws Exception {
        useDatabase();
        context.getRegistry().bind("ordersDataSource", database.dataSource());
        context.addRoutes(new OutboxRelayRoutes());   // what camel.main.routes-builder-classes does in Camel Main
        load(yamlOfSection("== Transactional outbox"));
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

    private void useDatabase() {
        database = TransactedDatabase.open(context, TestDatabase.Kind.H2, List.of("org/mconnectevents/camel/idempotency/message-processed-h2.sql",
                "org/mconnectevents/camel/personaldata/personal-data-record-h2.sql", "org/mconnectevents/camel/outbox/outbox-h2.sql"),
                MessageProcessed.class, PersonalDataRecord.class);
    }

    private void load(String yaml) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("example.yaml", yaml.replace("jpa:...", "mock:applied")));
    }

    /** The YAML block of a section of the documentation. */
    private static String yamlOfSection(String heading) throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int section = doc.indexOf("\n" + heading + "\n");
        int block = doc.indexOf("[source,yaml]\n----\n", section);
        assertThat(section).as(heading).isPositive();
        assertThat(block).isPositive();
        int start = block + "[source,yaml]\n----\n".length();
        return doc.substring(start, doc.indexOf("\n----\n", start));
    }

    private List<String> processedKeys() {
        return database.query("select m.messageId from " + MessageProcessed.class.getName() + " m", String.class);
    }

    @AfterEach
    void closeDatabase() {
        context.stop();
        if (database != null) {
            database.close();
        }
    }
}
