package org.mconnectevents.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.EventProducer;
import org.mconnectevents.emulator.support.LongPollingClient;
import org.mconnectevents.emulator.support.RecordingWebSocket;
import org.mconnectevents.emulator.support.TestClient;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.emulator.support.Soon.soon;

/**
 * The service's personal-data processing log: delivering an event of a type configured with personal-data
 * paths records, per data subject, the consumer's IDNO, the legal basis and the legal reason. The log is read
 * with {@link Emulator#personalDataLog(String)} or {@code GET /emulator/clients/{name}/personal-data-log}.
 */
class PersonalDataLogTest {

    private static final String BORN = "MS.eCMND.Person.Born";
    private static final String FAMILY = "MS.eCMND.Family.Registered";
    private static final String ORDER = "Test.Orders.Order.Placed";
    private static final String MARRIAGE = "MS.eCMND.Marriage.Registered";
    private static final String GUARDIANSHIP = "MS.eCMND.Guardianship.Changed";
    private static final String LEGAL_BASIS = "Law 133/2011 on personal data protection, art. 5";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml("""
            clients:
              - name: registry
                idno: "1003600000001"
                produces:
                  - type: %1$s
                    sources: [ "urn:ms:ecmnd" ]
                  - type: %2$s
                    sources: [ "urn:ms:ecmnd" ]
                  - type: %3$s
                    sources: [ "urn:ms:ecmnd" ]
                  - type: %5$s
                    sources: [ "urn:ms:ecmnd" ]
                  - type: %6$s
                    sources: [ "urn:ms:ecmnd" ]
              - name: allowances
                idno: "1003600000002"
                consumes: [ %1$s, %2$s, %3$s, %5$s, %6$s ]
                personalData:
                  %1$s:
                    subject: "$.ChildIDNP"
                    legalBasis: "%4$s"
                    legalReason: "$.EventReason"
                  %2$s:
                    subject: "$.Members[*].IDNP"
                    legalBasis: "%4$s"
                    legalReason: "family allowance"
                  %5$s:
                    subject: [ "$.Spouse1IDNP", "$.Spouse2IDNP" ]
                    legalBasis: "%4$s"
                    legalReason: "$.EventReason"
                  %6$s:
                    subject: "$.Guardians[?(@.Active == true)].IDNP"
                    legalBasis: "%4$s"
                    legalReason: "$['Event Reason']"
            """.formatted(BORN, FAMILY, ORDER, LEGAL_BASIS, MARRIAGE, GUARDIANSHIP));

    private static Emulator emulator;
    private static TestClient consumer;
    private static EventProducer births;
    private static EventProducer families;
    private static EventProducer orders;
    private static EventProducer marriages;
    private static EventProducer guardianships;

    @BeforeAll
    static void clients() {
        emulator = EMULATOR.emulator();
        consumer = TestClient.of(emulator, "allowances");
        births = EventProducer.of(emulator, "registry", BORN, "urn:ms:ecmnd");
        families = EventProducer.of(emulator, "registry", FAMILY, "urn:ms:ecmnd");
        orders = EventProducer.of(emulator, "registry", ORDER, "urn:ms:ecmnd");
        marriages = EventProducer.of(emulator, "registry", MARRIAGE, "urn:ms:ecmnd");
        guardianships = EventProducer.of(emulator, "registry", GUARDIANSHIP, "urn:ms:ecmnd");
    }

    @BeforeEach
    void startFromNothing() {
        emulator.reset();
    }

    @Test
    void deliveringAnEventRecordsTheConsumerTheLegalBasisTheReasonAndTheSubject() {
        RecordingWebSocket socket = consumer.connect("");

        births.produce(List.of(birth("birth-1", "2000000000017", "child benefit application")));

        soon().until(() -> socket.count() == 1);
        assertThat(emulator.personalDataLog("allowances")).singleElement().satisfies(entry -> {
            assertThat(entry.path("consumer").asText()).isEqualTo("allowances");
            assertThat(entry.path("consumerIdno").asText()).isEqualTo("1003600000002");
            assertThat(entry.path("legalBasis").asText()).as("fixed text from the configuration")
                    .isEqualTo(LEGAL_BASIS);
            assertThat(entry.path("legalReason").asText()).as("from the payload")
                    .isEqualTo("child benefit application");
            assertThat(entry.path("subject").asText()).as("from the payload").isEqualTo("2000000000017");
            assertThat(entry.path("type").asText()).isEqualTo(BORN);
            assertThat(entry.path("source").asText()).isEqualTo("urn:ms:ecmnd");
            assertThat(entry.path("id").asText()).isEqualTo("birth-1");
            assertThat(entry.has("problem")).isFalse();
        });
    }

    @Test
    void anEventWithSeveralSubjectsRecordsOneEntryPerSubject() {
        RecordingWebSocket socket = consumer.connect("");
        ObjectNode family = families.event("family-1");
        family.putObject("data").putArray("Members")
                .add(JSON.createObjectNode().put("IDNP", "2000000000017"))
                .add(JSON.createObjectNode().put("IDNP", "2000000000024"))
                .add(JSON.createObjectNode().put("IDNP", "2000000000031"));

        families.produce(List.of(family));

        soon().until(() -> socket.count() == 1);
        JsonNode log = emulator.personalDataLog("allowances");
        assertThat(log.findValuesAsText("subject"))
                .containsExactly("2000000000017", "2000000000024", "2000000000031");
        assertThat(log.findValuesAsText("legalReason")).containsOnly("family allowance");
    }

    @Test
    void pathsAreReadAsJaywayJsonPathReadsThemFiltersIncludedAsTheComponentDoes() {
        RecordingWebSocket socket = consumer.connect("");
        ObjectNode change = guardianships.event("guardianship-1");
        ObjectNode data = change.putObject("data").put("Event Reason", "guardian allowance");
        data.putArray("Guardians")
                .add(JSON.createObjectNode().put("IDNP", "2000000000017").put("Active", true))
                .add(JSON.createObjectNode().put("IDNP", "2000000000024").put("Active", false))
                .add(JSON.createObjectNode().put("IDNP", "2000000000031").put("Active", true));

        guardianships.produce(List.of(change));

        soon().until(() -> socket.count() == 1);
        JsonNode log = emulator.personalDataLog("allowances");
        assertThat(log.findValuesAsText("subject")).containsExactly("2000000000017", "2000000000031");
        assertThat(log.findValuesAsText("legalReason")).containsOnly("guardian allowance");
        assertThat(log.findValues("problem")).isEmpty();
    }

    @Test
    void everyDeliveryIsRecordedAgainIncludingARedelivery() {
        RecordingWebSocket first = consumer.connect("");
        births.produce(List.of(birth("birth-1", "2000000000017", "child benefit application")));
        soon().until(() -> first.count() == 1);

        first.close();
        RecordingWebSocket second = consumer.connect("");

        soon().until(() -> second.count() == 1);
        assertThat(emulator.personalDataLog("allowances").findValuesAsText("id"))
                .containsExactly("birth-1", "birth-1");
    }

    @Test
    void aDeliveryByLongPollingIsRecordedToo() {
        LongPollingClient instance = LongPollingClient.create(consumer, "");
        births.produce(List.of(birth("birth-1", "2000000000017", "child benefit application")));

        assertThat(instance.poll("event", "").statusCode()).isEqualTo(200);

        assertThat(emulator.personalDataLog("allowances").findValuesAsText("subject"))
                .containsExactly("2000000000017");
    }

    @Test
    void onlyTypesConfiguredWithPersonalDataAreRecorded() {
        RecordingWebSocket socket = consumer.connect("");

        orders.produce("order-1");
        births.produce(List.of(birth("birth-1", "2000000000017", "child benefit application")));

        soon().until(() -> socket.count() == 2);
        assertThat(emulator.personalDataLog("allowances").findValuesAsText("id")).containsExactly("birth-1");
    }

    @Test
    void aPayloadWithoutTheSubjectIsRecordedWithTheProblemNamed() {
        RecordingWebSocket socket = consumer.connect("");
        ObjectNode withoutChild = births.event("birth-1");
        withoutChild.putObject("data").put("EventReason", "child benefit application");

        births.produce(List.of(withoutChild));

        soon().until(() -> socket.count() == 1);
        assertThat(emulator.personalDataLog("allowances")).singleElement().satisfies(entry -> {
            assertThat(entry.path("subject").isNull()).isTrue();
            assertThat(entry.path("problem").asText()).contains("$.ChildIDNP");
        });
    }

    @Test
    void aSubjectPathThatSelectsNothingIsNamedEvenWhenAnotherPathFindsASubject() {
        RecordingWebSocket socket = consumer.connect("");
        ObjectNode marriage = marriages.event("marriage-1");
        marriage.putObject("data").put("Spouse1IDNP", "2000000000017").put("EventReason", "allowance review");

        marriages.produce(List.of(marriage));

        soon().until(() -> socket.count() == 1);
        assertThat(emulator.personalDataLog("allowances")).singleElement().satisfies(entry -> {
            assertThat(entry.path("subject").asText()).isEqualTo("2000000000017");
            assertThat(entry.path("problem").asText()).contains("$.Spouse2IDNP");
        });
    }

    @Test
    void theAdminApiServesTheSameLog() throws IOException, InterruptedException {
        RecordingWebSocket socket = consumer.connect("");
        births.produce(List.of(birth("birth-1", "2000000000017", "child benefit application")));
        soon().until(() -> socket.count() == 1);

        HttpClient admin = HttpClient.newHttpClient();
        HttpResponse<String> log = admin.send(HttpRequest.newBuilder(
                emulator.adminAddress().resolve("emulator/clients/allowances/personal-data-log")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknown = admin.send(HttpRequest.newBuilder(
                emulator.adminAddress().resolve("emulator/clients/nobody/personal-data-log")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(log.body())).isEqualTo(emulator.personalDataLog("allowances"));
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    private static ObjectNode birth(String id, String childIdnp, String reason) {
        ObjectNode event = births.event(id);
        event.putObject("data").put("ChildIDNP", childIdnp).put("EventReason", reason);
        return event;
    }
}
