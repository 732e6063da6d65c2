package org.mconnectevents.examples.quarkus;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.MConnectEventsComponent;
import org.mconnectevents.camel.MConnectEventsConstants;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example on Camel Quarkus against the emulator that the extension's Dev Services start with emulator.yaml (no
 * test resource, no address in the test profile): registrations announced through the component arrive at the
 * consuming route with their attributes and are confirmed, the demo YAML route runs, a payload that is no
 * registration is reported dead, and the component runs on the Vert.x of Quarkus itself.
 */
@QuarkusTest
class CitizenRegistrationTest {

    private static final String SOURCE = "urn:example:civil-registry";
    private static final String TYPE = "EXAMPLE.CivilRegistry.Citizen.Registered";
    private static final String GROUP = "citizen-register";
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Inject
    Vertx quarkusVertx;
    @Inject
    CamelContext camelContext;
    @Inject
    ProducerTemplate producer;
    @Inject
    RegisteredCitizens registeredCitizens;

    @Test
    void theComponentRunsOnTheVertxOfQuarkus() {
        MConnectEventsComponent component = camelContext.getComponent("mconnect-events", MConnectEventsComponent.class);

        assertThat(component.getVertx()).as("the component's Vert.x, autowired from the Camel registry")
                .isSameAs(quarkusVertx);
    }

    @Test
    void announcedRegistrationsArriveWithTheirAttributesInTheirOrderAndAreConfirmed() {
        CitizenRegistration born = new CitizenRegistration("T-1001", "2009000001001", "Ana Moraru", "2026-11-02");
        CitizenRegistration renamed = new CitizenRegistration("T-1002", "2009000001001", "Ana Ceban", "2026-11-20");

        producer.sendBody(CitizenRegistrationRoutes.ANNOUNCE, born);
        producer.sendBody(CitizenRegistrationRoutes.ANNOUNCE, renamed);

        ReceivedRegistration first = awaitRecorded("citizen-registration-T-1001");
        ReceivedRegistration second = awaitRecorded("citizen-registration-T-1002");
        assertThat(first).usingRecursiveComparison().ignoringFields("offset")
                .isEqualTo(new ReceivedRegistration(SOURCE, "citizen-registration-T-1001", TYPE, "idnp:2009000001001", null, born));
        assertThat(second.registration()).isEqualTo(renamed);
        assertThat(second.partitionKey()).isEqualTo("idnp:2009000001001");
        assertThat(Long.parseLong(second.offset())).as("one citizen's events are consumed in their order")
                .isGreaterThan(Long.parseLong(first.offset()));
        awaitEverythingProducedConfirmed();
    }

    @Test
    void theDemoRouteAnnouncesMadeUpRegistrations() {
        ReceivedRegistration demo = awaitRecorded("citizen-registration-DEMO-000002");

        assertThat(demo.registration().idnp()).isEqualTo("2009000000002");
        assertThat(demo.type()).isEqualTo(TYPE);
        assertThat(awaitRecorded("citizen-registration-DEMO-000001").partitionKey()).isEqualTo("idnp:2009000000001");
    }

    @Test
    void anEventThatIsNoRegistrationIsReportedDeadAndConfirmed() {
        producer.sendBodyAndHeaders("mconnect-events:events", "{\"surname\":\"Popescu\"}",
                Map.of(MConnectEventsConstants.CLOUD_EVENT_ID, "not-a-registration-1"));

        await().atMost(BOUND).untilAsserted(() -> assertThat(EmulatorAdmin.deadEvents(EmulatorAdmin.CLIENT))
                .anySatisfy(dead -> {
                    assertThat(dead.path("id").asText()).isEqualTo("not-a-registration-1");
                    assertThat(dead.path("deadreason").asText()).contains("UnrecognizedPropertyException");
                }));
        awaitEverythingProducedConfirmed();
        assertThat(registeredCitizens.find(SOURCE, "not-a-registration-1")).isEmpty();
    }

    private ReceivedRegistration awaitRecorded(String id) {
        return await().atMost(BOUND).until(() -> registeredCitizens.find(SOURCE, id).orElse(null), recorded -> recorded != null);
    }

    /** The emulator's own account: the consumer group confirmed every event produced so far, none left in flight. */
    private void awaitEverythingProducedConfirmed() {
        await().atMost(BOUND).untilAsserted(() -> {
            JsonNode state = EmulatorAdmin.state();
            JsonNode group = state.path("clients").path(EmulatorAdmin.CLIENT).path("groups").path(GROUP);
            assertThat(group.path("confirmed").asLong()).as("confirmed by the group, of %s produced", state.path("produced"))
                    .isEqualTo(state.path("produced").asLong());
            assertThat(group.path("pending").asLong()).isZero();
            assertThat(group.path("inFlight").asLong()).isZero();
        });
    }
}
