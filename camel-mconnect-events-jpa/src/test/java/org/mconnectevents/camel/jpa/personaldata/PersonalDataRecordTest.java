package org.mconnectevents.camel.jpa.personaldata;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.mconnectevents.camel.jpa.schema.SqlScripts;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.camel.support.RegistryConsumption;
import org.mconnectevents.camel.jpa.support.TestDatabase;
import org.mconnectevents.camel.jpa.support.TransactedDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * {@code PersonalDataRecorder.jpa(policy, emf)} in a transacted route writes one record per data subject of each
 * event whose type has a rule, with fixed or payload-valued legal basis and reason; other events pass untouched; a
 * configured path missing from the data reports the event dead with the path in the reason; and a rollback leaves
 * no record.
 */
class PersonalDataRecordTest extends EmulatorRouteTestSupport {

    static final String IDNO = "1003600000010";
    static final PersonalDataPolicy POLICY = PersonalDataPolicy.idno(IDNO)
            .type(EmulatorClients.PERSON_REGISTERED).subject("$.idnp").subject("$.parents[*].idnp")
                .legalBasis("Law 133/2011, art. 5").legalReason("$.reason").end()
            .build();

    private TransactedDatabase database;
    /** Events that reached the business step after the recorder (consumer threads write, the test reads). */
    private final List<String> applied = new CopyOnWriteArrayList<>();

    @ParameterizedTest(name = "on {0}")
    @EnumSource(TestDatabase.Kind.class)
    void eachDataSubjectOfAnEventGetsARecordAndEventsOfOtherTypesPassUntouched(TestDatabase.Kind kind) throws Exception {
        useDatabase(kind);
        consume(exchange -> applied.add(idOf(exchange) + " " + exchange.getMessage().getBody(String.class)));

        OrderEvents.produce(template, List.of(
                person("person-1", "{\"idnp\":\"2000000000001\",\"name\":\"Ana\",\"reason\":\"Birth registration\","
                        + "\"parents\":[{\"idnp\":\"2000000000002\"},{\"idnp\":\"2000000000003\"}]}"),
                OrderEvents.order("order-1", "customer:1")));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "records").confirmed()).isEqualTo(2));
        assertThat(records()).extracting(PersonalDataRecord::getEventSource, PersonalDataRecord::getEventId,
                PersonalDataRecord::getEventType, PersonalDataRecord::getSubject, PersonalDataRecord::getLegalBasis,
                PersonalDataRecord::getLegalReason, PersonalDataRecord::getProcessorIdno).containsExactlyInAnyOrder(
                tuple(EmulatorClients.SOURCE, "person-1", EmulatorClients.PERSON_REGISTERED, "2000000000001", "Law 133/2011, art. 5", "Birth registration", IDNO),
                tuple(EmulatorClients.SOURCE, "person-1", EmulatorClients.PERSON_REGISTERED, "2000000000002", "Law 133/2011, art. 5", "Birth registration", IDNO),
                tuple(EmulatorClients.SOURCE, "person-1", EmulatorClients.PERSON_REGISTERED, "2000000000003", "Law 133/2011, art. 5", "Birth registration", IDNO));
        assertThat(records()).allSatisfy(record -> assertThat(record.getProcessedAt()).isNotNull());
        assertThat(applied).as("the exchange goes on unchanged").containsExactlyInAnyOrder(
                "person-1 {\"idnp\":\"2000000000001\",\"name\":\"Ana\",\"reason\":\"Birth registration\","
                        + "\"parents\":[{\"idnp\":\"2000000000002\"},{\"idnp\":\"2000000000003\"}]}",
                "order-1 {\"order\":\"order-1\"}");
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(TestDatabase.Kind.class)
    void aConfiguredPathMissingFromTheDataReportsTheEventDeadWithThePathInTheReason(TestDatabase.Kind kind) throws Exception {
        useDatabase(kind);
        consume(exchange -> applied.add(idOf(exchange)));

        OrderEvents.produce(template, List.of(
                person("person-1", "{\"idnp\":\"2000000000001\",\"name\":\"Ana\",\"reason\":\"Birth registration\","
                        + "\"parents\":[{\"idnp\":\"2000000000002\"},{\"name\":\"Ion\"}]}"),
                person("person-2", "{\"idnp\":\"2000000000004\",\"name\":\"Dan\",\"parents\":[]}")));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "records").confirmed()).isEqualTo(2));
        assertThat(emulator.deadEvents(EmulatorClients.REGISTRY)).extracting(dead -> dead.path("id").asText(),
                dead -> dead.path("deadreason").asText()).containsExactlyInAnyOrder(
                tuple("person-1", PersonalDataPathMissingException.class.getName() + ": Event (source=urn:test:registry, "
                        + "id=person-1) of type MCE.Test.Person.Registered: the personal-data path $.parents[*].idnp (data "
                        + "subject) finds nothing (No results for path: $['parents'][1]['idnp']) in its data, so the "
                        + "processing cannot be recorded. The producer must put it in such events; if the path is wrong, "
                        + "correct the personal-data rule of MCE.Test.Person.Registered."),
                tuple("person-2", PersonalDataPathMissingException.class.getName() + ": Event (source=urn:test:registry, "
                        + "id=person-2) of type MCE.Test.Person.Registered: the personal-data path $.parents[*].idnp (data "
                        + "subject) finds nothing in its data, so the processing cannot be recorded. The producer must put it "
                        + "in such events; if the path is wrong, correct the personal-data rule of MCE.Test.Person.Registered."));
        assertThat(records()).isEmpty();
        assertThat(applied).isEmpty();
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(TestDatabase.Kind.class)
    void aRollbackLeavesNoRecordSoTheRedeliveredEventIsRecordedOnce(TestDatabase.Kind kind) throws Exception {
        useDatabase(kind);
        consume(exchange -> {
            applied.add(idOf(exchange));
            if (applied.size() == 1) {
                throw new SQLTransientConnectionException("the registry database did not answer within 30 s");
            }
        });

        OrderEvents.produce(template, List.of(person("person-1", "{\"idnp\":\"2000000000001\",\"name\":\"Ana\","
                + "\"reason\":\"Birth registration\",\"parents\":[{\"idnp\":\"2000000000002\"}]}")));

        within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "records").confirmed()).isEqualTo(1));
        assertThat(applied).containsExactly("person-1", "person-1");
        assertThat(records()).extracting(PersonalDataRecord::getSubject).containsExactlyInAnyOrder("2000000000001", "2000000000002");
        assertThat(emulator.deadEvents(EmulatorClients.REGISTRY)).isEmpty();
    }

    static CloudEvent person(String id, String json) {
        return CloudEventBuilder.v1().withId(id).withSource(URI.create(EmulatorClients.SOURCE))
                .withType(EmulatorClients.PERSON_REGISTERED).withDataContentType("application/json")
                .withData(json.getBytes(StandardCharsets.UTF_8)).withExtension("partitionkey", "idnp:" + id).build();
    }

    private void useDatabase(TestDatabase.Kind kind) {
        database = TransactedDatabase.open(context, kind, List.of(SqlScripts.Tables.PERSONAL_DATA_RECORD.script(kind.name())),
                PersonalDataRecord.class);
    }

    /** The route an integrator writes: dead letters for structural failures, then the transaction. */
    private void consume(Processor business) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mconnect-events:dead"));
                from("mconnect-events:events?group=records&reconnectDelay=10")
                        .transacted("PROPAGATION_REQUIRED")
                        .process(PersonalDataRecorder.jpa(POLICY, database.factory()))
                        .process(business);
            }
        });
    }

    private List<PersonalDataRecord> records() {
        return database.query("select r from PersonalDataRecord r order by r.id", PersonalDataRecord.class);
    }

    @AfterEach
    void closeDatabase() {
        context.stop();
        if (database != null) {
            database.close();
        }
    }
}
