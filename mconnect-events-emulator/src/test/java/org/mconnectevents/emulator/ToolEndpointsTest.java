package org.mconnectevents.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.CloudEventJson;
import org.mconnectevents.emulator.support.Produce;
import org.mconnectevents.emulator.support.RecordingWebSocket;
import org.mconnectevents.emulator.support.TestClient;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mconnectevents.emulator.support.CloudEventJson.event;

/**
 * The tool endpoints for developers: {@code GET /ce/tools/my-settings} shows the caller its own registration, and
 * {@code POST /ce/tools/consumer/test} stores a test event for the caller alone, which its sessions receive
 * unless they asked for {@code test=false}.
 */
class ToolEndpointsTest {

    private static final String TYPE = "EMU.Test.Thing.Happened";
    private static final String SOURCE = "urn:emu:developer";
    private static final Duration BOUND = Duration.ofSeconds(10);

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml("""
            clients:
              - name: developer
                idno: "1003600000009"
                produces:
                  - type: EMU.Test.Thing.Happened
                    sources: [ "urn:emu:developer", "urn:emu:developer:batch" ]
                consumes: [ EMU.Test.Thing.Happened, EMU.Test.Person.Born ]
              - name: colleague
                idno: "1003600000010"
                consumes: [ EMU.Test.Thing.Happened ]
            """);

    private final List<RecordingWebSocket> sockets = new ArrayList<>();
    private Emulator emulator;
    private TestClient developer;

    @BeforeEach
    void startFromAnEmptyService() {
        emulator = EMULATOR.emulator();
        emulator.reset();
        developer = TestClient.of(emulator, "developer");
    }

    @AfterEach
    void closeConsumers() {
        sockets.forEach(RecordingWebSocket::close);
    }

    @Test
    void mySettingsShowTheCallersOwnRegistration() {
        HttpResponse<String> response = developer.send(developer.request("ce/tools/my-settings").GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode settings = CloudEventJson.parse(response.body());
        assertThat(settings.get("name").asText()).isEqualTo("developer");
        assertThat(settings.get("idno").asText()).isEqualTo("1003600000009");
        assertThat(settings.at("/produces/0/type").asText()).isEqualTo(TYPE);
        assertThat(settings.at("/produces/0/sources")).extracting(JsonNode::asText)
                .containsExactly("urn:emu:developer", "urn:emu:developer:batch");
        assertThat(settings.get("consumes")).extracting(JsonNode::asText)
                .containsExactly(TYPE, "EMU.Test.Person.Born");
    }

    @Test
    void mySettingsAreThoseOfWhoeverCalls() {
        TestClient colleague = TestClient.of(emulator, "colleague");

        HttpResponse<String> response = colleague.send(colleague.request("ce/tools/my-settings").GET().build());

        JsonNode settings = CloudEventJson.parse(response.body());
        assertThat(settings.get("name").asText()).isEqualTo("colleague");
        assertThat(settings.get("produces")).isEmpty();
    }

    @Test
    void aTestEventReachesTheCallerAndNoOtherClient() {
        RecordingWebSocket developerSession = consume(developer, "");
        RecordingWebSocket colleagueSession = consume(TestClient.of(emulator, "colleague"), "");

        HttpResponse<String> stored = storeTestEvent("test-1", "{\"hello\":\"me\"}");
        Produce.event(developer, event(SOURCE, "marker", TYPE));

        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(202);
        await().atMost(BOUND).until(() -> developerSession.count() >= 2);
        assertThat(developerSession.events()).extracting(e -> e.get("id").asText())
                .containsExactlyInAnyOrder("test-1", "marker");
        await().atMost(BOUND).until(() -> colleagueSession.count() >= 1);
        assertThat(colleagueSession.events()).extracting(e -> e.get("id").asText()).containsExactly("marker");
    }

    @Test
    void aTestEventArrivesAsTheCallerSentIt() {
        RecordingWebSocket session = consume(developer, "");

        storeTestEvent("test-data", "{\"hello\":\"me\"}");

        await().atMost(BOUND).until(() -> session.count() >= 1);
        JsonNode received = session.events().get(0);
        assertThat(received.get("source").asText()).isEqualTo(SOURCE);
        assertThat(received.get("type").asText()).isEqualTo(TYPE);
        assertThat(received.get("data")).isEqualTo(CloudEventJson.parse("{\"hello\":\"me\"}"));
        assertThat(received.get("offset").asText()).matches("\\d+");
    }

    @Test
    void aSessionWithTestFalseDoesNotReceiveTestEvents() {
        // two groups, so that each session receives every standard event
        RecordingWebSocket withoutTests = consume(developer, "test=false&group=production-like");
        RecordingWebSocket withTests = consume(developer, "group=debugging");

        storeTestEvent("test-2", "{}");
        Produce.event(developer, event(SOURCE, "marker", TYPE));

        await().atMost(BOUND).until(() -> withTests.count() >= 2);
        await().atMost(BOUND).until(() -> withoutTests.count() >= 1);
        assertThat(withoutTests.events()).extracting(e -> e.get("id").asText()).containsExactly("marker");
        assertThat(withTests.events()).extracting(e -> e.get("id").asText())
                .containsExactlyInAnyOrder("test-2", "marker");
    }

    @Test
    void aTestEventIsNotAProducedEvent() {
        storeTestEvent("test-3", "{}");

        assertThat(emulator.state().get("produced").asLong()).isZero();
        assertThat(emulator.state().at("/clients/developer/test/pending").asLong()).isEqualTo(1);
        assertThat(emulator.state().at("/clients/colleague/test/pending").asLong()).isZero();
    }

    @Test
    void aTestEventIsCheckedLikeARawEvent() {
        Map<String, String> withoutId = Produce.rawHeaders(SOURCE, "ignored", TYPE);
        withoutId.remove("ce-id");

        HttpResponse<String> response = Produce.binary(developer, "ce/tools/consumer/test", withoutId,
                "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> wrongContentType = Produce.binary(developer, "ce/tools/consumer/test",
                Produce.rawHeaders(SOURCE, "xml", TYPE), "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("header ce-id is required");
        assertThat(wrongContentType.statusCode()).isEqualTo(400);
        assertThat(emulator.state().at("/clients/developer/test/pending").asLong()).isZero();
    }

    private HttpResponse<String> storeTestEvent(String id, String jsonData) {
        return Produce.binary(developer, "ce/tools/consumer/test", Produce.rawHeaders(SOURCE, id, TYPE),
                "application/json", jsonData.getBytes(StandardCharsets.UTF_8));
    }

    private RecordingWebSocket consume(TestClient client, String query) {
        RecordingWebSocket socket = client.connect(query);
        sockets.add(socket);
        return socket;
    }
}
