package org.mconnectevents.camel.jpa.docs;

import java.util.List;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.processor.idempotent.jpa.JpaMessageIdRepository;
import org.apache.camel.processor.idempotent.jpa.MessageProcessed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.jpa.idempotency.EventKey;
import org.mconnectevents.camel.jpa.personaldata.PersonalDataPolicy;
import org.mconnectevents.camel.jpa.personaldata.PersonalDataRecord;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.camel.jpa.support.TestDatabase;
import org.mconnectevents.camel.jpa.support.TransactedDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * The YAML DSL examples of the building blocks' documentation that use JPA run as written (their {@code jpa:...} business
 * step replaced by a mock), against the emulator, with the beans an application defines: {@code entityManagerFactory},
 * {@code transactionManager} and the {@code PROPAGATION_REQUIRED} policy. The outbox relay's example is
 * {@link DocumentedOutboxRelayYamlTest}.
 */
class DocumentedYamlTest extends EmulatorRouteTestSupport {

    private TransactedDatabase database;

    @Test
    void theIdempotentConsumptionExampleAppliesADuplicatedEventOnce() throws Exception {
        useDatabase();
        DocumentationYaml.load(context, DocumentationYaml.ofSection("== Idempotent consumption"));
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
        DocumentationYaml.load(context, DocumentationYaml.ofSection("== Personal-data record"));
        MockEndpoint applied = getMockEndpoint("mock:applied");
        applied.expectedMessageCount(1);

        OrderEvents.produce(template, List.of(OrderEvents.order("order-1", "customer:1")));

        applied.assertIsSatisfied();
        PersonalDataPolicy policy = context.getRegistry().lookupByNameAndType("personalDataPolicy", PersonalDataPolicy.class);
        assertThat(policy.getIdno()).isEqualTo("1003600000002");
        assertThat(policy.rule("MS.eCMND.Person.Born").getSubjects()).containsExactly("$.ChildIDNP", "$.Parents[*].IDNP");
        assertThat(policy.rule("MS.eCMND.Person.Born").getLegalBasis()).isEqualTo("Law 133/2011, art. 5");
    }

    private void useDatabase() {
        database = TransactedDatabase.open(context, TestDatabase.Kind.H2, List.of("org/mconnectevents/camel/jpa/idempotency/message-processed-h2.sql",
                "org/mconnectevents/camel/jpa/personaldata/personal-data-record-h2.sql"),
                MessageProcessed.class, PersonalDataRecord.class);
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
