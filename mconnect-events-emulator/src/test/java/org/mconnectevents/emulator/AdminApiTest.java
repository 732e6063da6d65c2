package org.mconnectevents.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.AdminClient;
import org.mconnectevents.emulator.support.CloudEventJson;
import org.mconnectevents.emulator.support.Produce;
import org.mconnectevents.emulator.support.RecordingWebSocket;
import org.mconnectevents.emulator.support.TestClient;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mconnectevents.emulator.support.CloudEventJson.event;

/**
 * The admin API (plain HTTP JSON on the admin port), called with the JDK's HTTP client: inspection of the
 * state, a client's dead events and personal-data log; fault injection that changes what producers and
 * consumers experience; reset.
 */
class AdminApiTest {

    private static final String TYPE = "EMU.Test.Thing.Happened";
    private static final String PERSON_BORN = "EMU.Test.Person.Born";
    private static final String SOURCE = "urn:emu:producer";
    private static final Duration BOUND = Duration.ofSeconds(10);

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml("""
            unconfirmedWindow: 2
            clients:
              - name: producer
                produces:
                  - type: EMU.Test.Thing.Happened
                    sources: [ "urn:emu:producer" ]
                  - type: EMU.Test.Person.Born
                    sources: [ "urn:emu:producer" ]
              - name: consumer
                idno: "1003600000002"
                consumes: [ EMU.Test.Thing.Happened, EMU.Test.Person.Born ]
                personalData:
                  EMU.Test.Person.Born:
                    subject: "$.ChildIDNP"
                    legalBasis: "Law 133/2011, art. 5"
                    legalReason: "$.EventReason"
            """);

    private final List<RecordingWebSocket> sockets = new ArrayList<>();
    private Emulator emulator;
    private AdminClient admin;
    private TestClient producer;

    @BeforeEach
    void startFromAnEmptyService() {
        emulator = EMULATOR.emulator();
        emulator.reset();
        admin = new AdminClient(emulator);
        producer = TestClient.of(emulator, "producer");
    }

    @AfterEach
    void closeConsumers() {
        sockets.forEach(RecordingWebSocket::close);
    }

    @Test
    void stateCountsWhatWasProducedAndWhereEachGroupStands() {
        Produce.batch(producer, event(SOURCE, "s-1", TYPE), event(SOURCE, "s-2", TYPE), event(SOURCE, "s-3", TYPE));
        RecordingWebSocket session = consume("group=billing");
        await().atMost(BOUND).until(() -> session.count() == 2); // the unconfirmed window is 2

        JsonNode state = admin.getJson("emulator/state");

        assertThat(state.get("produced").asLong()).isEqualTo(3);
        JsonNode billing = state.at("/clients/consumer/groups/billing");
        assertThat(billing.get("inFlight").asLong()).isEqualTo(2);
        assertThat(billing.get("pending").asLong()).isEqualTo(1);
        assertThat(billing.get("sessions").asInt()).isEqualTo(1);
        assertThat(state.at("/clients/consumer/sessions").asInt()).isEqualTo(1);
        assertThat(state.at("/clients/consumer/test/pending").asLong()).isZero();
        assertThat(state.at("/clients/consumer/dead/reported").asLong()).isZero();
        assertThat(state.at("/clients/producer/stored").asLong()).as("producer consumes nothing").isZero();
    }

    @Test
    void produceFailRateAnswers500AndStoresNothing() {
        HttpResponse<String> put = admin.put("emulator/faults", "{\"produceFailRate\": 1.0}");

        HttpResponse<String> produced = Produce.event(producer, event(SOURCE, "lost", TYPE));

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(CloudEventJson.parse(put.body()).get("produceFailRate").asDouble()).isEqualTo(1.0);
        assertThat(produced.statusCode()).isEqualTo(500);
        assertThat(produced.body()).contains("injected fault", "not stored");
        assertThat(admin.getJson("emulator/state").get("produced").asLong()).isZero();
    }

    @Test
    void produceStoreThenFailRateAnswers500ButTheConsumerReceivesTheEvent() {
        RecordingWebSocket session = consume("");
        admin.put("emulator/faults", "{\"produceStoreThenFailRate\": 1.0}");

        HttpResponse<String> produced = Produce.event(producer, event(SOURCE, "stored-anyway", TYPE));

        assertThat(produced.statusCode()).isEqualTo(500);
        assertThat(produced.body()).contains("injected fault", "stored");
        await().atMost(BOUND).until(() -> session.count() == 1);
        assertThat(session.events().get(0).get("id").asText()).isEqualTo("stored-anyway");
    }

    @Test
    void faultsCanBeReadBackAndCleared() {
        admin.put("emulator/faults", "{\"produceFailRate\": 0.25, \"responseDelay\": \"PT0.1S\"}");

        JsonNode set = admin.getJson("emulator/faults");
        HttpResponse<String> deleted = admin.delete("emulator/faults");
        JsonNode cleared = admin.getJson("emulator/faults");

        assertThat(set.get("produceFailRate").asDouble()).isEqualTo(0.25);
        assertThat(set.get("responseDelay").asText()).isEqualTo("PT0.1S");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(cleared.get("produceFailRate").asDouble()).isZero();
        assertThat(cleared.get("responseDelay").asText()).isEqualTo("PT0S");
        assertThat(Produce.event(producer, event(SOURCE, "after-clear", TYPE)).statusCode()).isEqualTo(202);
    }

    @Test
    void aFaultsBodyWithAMistakeIsRefusedAndChangesNothing() {
        admin.put("emulator/faults", "{\"produceFailRate\": 0.5}");

        HttpResponse<String> refused = admin.put("emulator/faults", "{\"produceFailRate\": 3}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("faults.produceFailRate", "between 0 and 1");
        assertThat(admin.getJson("emulator/faults").get("produceFailRate").asDouble()).isEqualTo(0.5);
    }

    @Test
    void responseDelayDelaysTheServicesAnswers() {
        Duration delay = Duration.ofMillis(300);
        admin.put("emulator/faults", "{\"responseDelay\": \"" + delay + "\"}");

        long start = System.nanoTime();
        HttpResponse<String> produced = Produce.event(producer, event(SOURCE, "slow", TYPE));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(produced.statusCode()).isEqualTo(202);
        assertThat(took).isGreaterThanOrEqualTo(delay);
    }

    @Test
    void closeSessionAfterMessagesClosesEachWebSocketSessionAfterThatManyEvents() {
        admin.put("emulator/faults", "{\"closeSessionAfterMessages\": 1}");
        RecordingWebSocket session = consume("");

        Produce.batch(producer, event(SOURCE, "c-1", TYPE), event(SOURCE, "c-2", TYPE));

        assertThat(session.awaitCloseCode(BOUND.toSeconds())).isEqualTo(1001);
        assertThat(session.closeReason()).contains("injected fault");
        assertThat(session.events()).hasSize(1);
    }

    @Test
    void dropConfirmRateMakesTheServiceIgnoreConfirmations() {
        admin.put("emulator/faults", "{\"dropConfirmRate\": 1.0}");
        RecordingWebSocket session = consume("");
        Produce.event(producer, event(SOURCE, "never-confirmed", TYPE));
        await().atMost(BOUND).until(() -> session.count() == 1);

        session.confirm(session.lastOffset());

        await().atMost(BOUND).until(() ->
                admin.getJson("emulator/state").at("/clients/consumer/confirmMessagesDropped").asLong() == 1);
        assertThat(admin.getJson("emulator/state").at("/clients/consumer/groups/~default/inFlight").asLong())
                .isEqualTo(1);
    }

    @Test
    void sessionStartDelayHoldsTheFirstEventsOfASession() {
        Duration delay = Duration.ofMillis(400);
        admin.put("emulator/faults", "{\"sessionStartDelay\": \"" + delay + "\"}");
        Produce.event(producer, event(SOURCE, "waiting", TYPE));

        long start = System.nanoTime();
        RecordingWebSocket session = consume("");
        await().atMost(BOUND).until(() -> session.count() == 1);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(delay);
    }

    @Test
    void instanceExpiryExpiresLongPollingInstancesEarly() {
        admin.put("emulator/faults", "{\"instanceExpiry\": \"PT0.2S\"}");
        TestClient consumer = TestClient.of(emulator, "consumer");
        HttpResponse<String> created = consumer.send(consumer.request("ce/consumers")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        URI base = URI.create(created.headers().firstValue("Location").orElseThrow());

        // not polled, the instance expires and its session closes
        await().atMost(BOUND).until(() ->
                admin.getJson("emulator/state").at("/clients/consumer/sessions").asInt() == 0);

        HttpResponse<String> poll = consumer.send(HttpRequest.newBuilder(URI.create(base + "/event"))
                .timeout(BOUND).GET().build());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(poll.statusCode()).isEqualTo(404);
    }

    @Test
    void resetForgetsEventsClosesSessionsAndClearsFaults() {
        RecordingWebSocket session = consume("");
        Produce.event(producer, event(SOURCE, "forgotten", TYPE));
        admin.put("emulator/faults", "{\"produceFailRate\": 1.0}");

        HttpResponse<String> reset = admin.post("emulator/reset");

        assertThat(reset.statusCode()).isEqualTo(204);
        JsonNode state = admin.getJson("emulator/state");
        assertThat(state.get("produced").asLong()).isZero();
        assertThat(state.at("/clients/consumer/stored").asLong()).isZero();
        assertThat(session.awaitCloseCode(BOUND.toSeconds())).isEqualTo(1001);
        assertThat(admin.getJson("emulator/faults").get("produceFailRate").asDouble()).isZero();
    }

    @Test
    void deadEventsOfAClientAreListed() {
        RecordingWebSocket session = consume("");
        Produce.event(producer, event(SOURCE, "unprocessable", TYPE).data("{\"broken\":true}"));
        await().atMost(BOUND).until(() -> session.count() == 1);

        session.send("dead:" + event(SOURCE, "unprocessable", TYPE).data("{\"broken\":true}")
                .with("time", "2024-05-01T10:00:00Z").with("reason", "cannot parse").json());

        await().atMost(BOUND).until(() -> admin.getJson("emulator/clients/consumer/dead").size() == 1);
        JsonNode dead = admin.getJson("emulator/clients/consumer/dead").get(0);
        assertThat(dead.get("id").asText()).isEqualTo("unprocessable");
        assertThat(dead.get("source").asText()).isEqualTo(SOURCE);
        assertThat(dead.get("reason").asText()).isEqualTo("cannot parse");
        assertThat(admin.getJson("emulator/clients/producer/dead")).isEmpty();
    }

    @Test
    void thePersonalDataLogRecordsEachDeliveryOfAConfiguredType() {
        RecordingWebSocket session = consume("");
        Produce.event(producer, event(SOURCE, "born-1", PERSON_BORN)
                .data("{\"ChildIDNP\":\"2001234567890\",\"EventReason\":\"birth registration\"}"));
        await().atMost(BOUND).until(() -> session.count() == 1);

        JsonNode log = admin.getJson("emulator/clients/consumer/personal-data-log");

        assertThat(log).hasSize(1);
        JsonNode entry = log.get(0);
        assertThat(entry.get("consumer").asText()).isEqualTo("consumer");
        assertThat(entry.get("consumerIdno").asText()).isEqualTo("1003600000002");
        assertThat(entry.get("type").asText()).isEqualTo(PERSON_BORN);
        assertThat(entry.get("source").asText()).isEqualTo(SOURCE);
        assertThat(entry.get("id").asText()).isEqualTo("born-1");
        assertThat(entry.get("subject").asText()).isEqualTo("2001234567890");
        assertThat(entry.get("legalBasis").asText()).isEqualTo("Law 133/2011, art. 5");
        assertThat(entry.get("legalReason").asText()).isEqualTo("birth registration");
    }

    @Test
    void eventsOfOtherTypesAreNotInThePersonalDataLog() {
        RecordingWebSocket session = consume("");
        Produce.event(producer, event(SOURCE, "thing-1", TYPE).data("{\"ChildIDNP\":\"2001234567890\"}"));
        await().atMost(BOUND).until(() -> session.count() == 1);

        assertThat(admin.getJson("emulator/clients/consumer/personal-data-log")).isEmpty();
    }

    @Test
    void anUnknownClientIs404() {
        HttpResponse<String> dead = admin.get("emulator/clients/nobody/dead");
        HttpResponse<String> log = admin.get("emulator/clients/nobody/personal-data-log");

        assertThat(dead.statusCode()).isEqualTo(404);
        assertThat(dead.body()).contains("no client named nobody");
        assertThat(log.statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownAdminPathIs404() {
        HttpResponse<String> response = admin.get("emulator/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("GET /emulator/nothing-here is not an admin endpoint");
    }

    @Test
    void closingAllSessionsSaysHowManyWereClosed() {
        RecordingWebSocket session = consume("");

        HttpResponse<String> closed = admin.post("emulator/sessions/close");

        assertThat(CloudEventJson.parse(closed.body()).get("closed").asInt()).isEqualTo(1);
        assertThat(session.awaitCloseCode(BOUND.toSeconds())).isEqualTo(1001);
    }

    @Test
    void theAdminApiListensOnLoopbackOnly() throws SocketException {
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
        assumeTrue(external.isPresent(), "this machine has no address other than loopback");

        assertThatThrownBy(() -> new Socket(external.get(), emulator.adminAddress().getPort()).close())
                .isInstanceOf(ConnectException.class);
        assertThat(admin.get("emulator/state").statusCode()).isEqualTo(200);
    }

    private RecordingWebSocket consume(String query) {
        RecordingWebSocket socket = TestClient.of(emulator, "consumer").connect(query);
        sockets.add(socket);
        return socket;
    }
}
