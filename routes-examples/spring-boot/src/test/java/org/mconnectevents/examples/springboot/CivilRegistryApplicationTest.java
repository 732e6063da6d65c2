package org.mconnectevents.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mconnectevents.camel.checklist.ChecklistItem.CERTIFICATE_REMINDER;
import static org.mconnectevents.camel.checklist.ChecklistItem.CONFIGURED_CONNECTION;
import static org.mconnectevents.camel.checklist.ChecklistItem.CONFIRMATION;
import static org.mconnectevents.camel.checklist.ChecklistItem.CONSISTENT_TIME;
import static org.mconnectevents.camel.checklist.ChecklistItem.DEAD_EVENTS_REPORTED;
import static org.mconnectevents.camel.checklist.ChecklistItem.IDEMPOTENT_CONSUMER;
import static org.mconnectevents.camel.checklist.ChecklistItem.INTERMEDIATES_SENT;
import static org.mconnectevents.camel.checklist.ChecklistItem.MONITORED;
import static org.mconnectevents.camel.checklist.ChecklistItem.NEVER_DEAD_FOR_TECHNICAL_ERRORS;
import static org.mconnectevents.camel.checklist.ChecklistItem.OUTBOX;
import static org.mconnectevents.camel.checklist.ChecklistItem.SESSIONS_DIVIDE_12;
import static org.mconnectevents.camel.checklist.ChecklistItem.SIZES;
import static org.mconnectevents.camel.checklist.ChecklistItem.SOURCE_URI;
import static org.mconnectevents.camel.checklist.ChecklistItem.UNIQUE_IDS;
import static org.mconnectevents.camel.checklist.ChecklistItem.WEBSOCKET;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mconnectevents.camel.checklist.MConnectEventsChecklist;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The civil registry as it starts by default (Java DSL consumer) on PostgreSQL at 127.0.0.1:5432 (database
 * {@code test}, user {@code postgres}, a schema of its own dropped afterwards; {@code -Dmconnect.postgresql.url},
 * {@code .user}, {@code .password} point elsewhere), with the emulator it starts itself: the whole flow, then what the
 * actuator shows over HTTP (health, readiness, liveness, metrics), and the operator's checklists met. Without that PostgreSQL the test fails, as the
 * building blocks' PostgreSQL tests do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
class CivilRegistryApplicationTest extends RegistrationFlowContract {

    private static final String URL = System.getProperty("mconnect.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getProperty("mconnect.postgresql.user", "postgres");
    private static final String PASSWORD = System.getProperty("mconnect.postgresql.password", "");
    private static final String SCHEMA = "civil_registry_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private final ObjectMapper json = new ObjectMapper();
    @Autowired
    private CamelContext camel;

    @DynamicPropertySource
    static void postgresql(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        properties.add("spring.datasource.username", () -> USER);
        properties.add("spring.datasource.password", () -> PASSWORD);
        properties.add(ExampleDatabase.PLATFORM, () -> "postgresql");
        properties.add(ExampleDatabase.SCHEMA, () -> SCHEMA);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Test
    @Order(1)
    void theDatabaseIsPostgreSql() {
        assertThat(jdbc.queryForObject("SELECT current_schema()", String.class)).isEqualTo(SCHEMA);
    }

    @Test
    @Order(2)
    void theHealthShowsOurChecksAndTheApplicationIsReadyAndLive() throws Exception {
        await().atMost(BOUND).untilAsserted(() -> assertThat(status("/actuator/health/readiness")).isEqualTo("UP"));
        assertThat(status("/actuator/health/liveness")).isEqualTo("UP");

        // our consumer check answers for Camel's check of the route's consumer, with its sessions' states
        JsonNode camel = health("/actuator/health").path("components").path("camelHealth").path("details");
        assertThat(camel.path("consumer:registration-consumer").asText()).isEqualTo("UP");
        assertThat(camel.path("consumer:registration-consumer.data").path("endpoint").asText())
                .startsWith("mconnect-events://events");
        assertThat(camel.path("mconnect-events-certificate:" + EmulatorConnection.CLIENT).asText()).isEqualTo("UP");
        assertThat(camel.path("mconnect-events-certificate:" + EmulatorConnection.CLIENT + ".data")
                .path("certificate.days.left").asInt()).isPositive();
    }

    @Test
    @Order(3)
    void theMetricsCountTheConsumersExchanges() throws Exception {
        String id = registerOverHttp("2001234567892", "Maria");
        await().atMost(BOUND).until(() -> register.existsById(id));

        JsonNode names = json.readTree(http.getForObject("/actuator/metrics", String.class)).path("names");
        assertThat(names.toString()).contains("camel.exchanges.succeeded");
        JsonNode succeeded = json.readTree(http.getForObject(
                "/actuator/metrics/camel.exchanges.succeeded?tag=routeId:registration-consumer", String.class));
        assertThat(succeeded.path("measurements").get(0).path("value").asDouble()).isPositive();
    }

    @Test
    @Order(4)
    void theApplicationMeetsTheOperatorsChecklists() {
        MConnectEventsChecklist.of(camel).assertMet(CONFIGURED_CONNECTION, INTERMEDIATES_SENT, CERTIFICATE_REMINDER, OUTBOX,
                SOURCE_URI, UNIQUE_IDS, CONSISTENT_TIME, SIZES, CONFIRMATION, IDEMPOTENT_CONSUMER, DEAD_EVENTS_REPORTED,
                NEVER_DEAD_FOR_TECHNICAL_ERRORS, WEBSOCKET, SESSIONS_DIVIDE_12, MONITORED);
    }

    /** Last: with the service gone, our consumer check takes the application out of readiness, never out of liveness. */
    @Test
    @Order(Integer.MAX_VALUE)
    void withoutTheServiceTheApplicationIsNotReadyYetStillLive() throws Exception {
        emulator.close();

        await().atMost(BOUND).untilAsserted(() -> assertThat(status("/actuator/health/readiness")).isEqualTo("OUT_OF_SERVICE"));
        assertThat(http.getForEntity("/actuator/health/readiness", String.class).getStatusCode())
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(status("/actuator/health/liveness")).isEqualTo("UP");
        JsonNode consumer = health("/actuator/health").path("components").path("camelHealth").path("details");
        assertThat(consumer.path("consumer:registration-consumer").asText()).isEqualTo("DOWN");
    }

    private String status(String path) throws Exception {
        return health(path).path("status").asText();
    }

    private JsonNode health(String path) throws Exception {
        ResponseEntity<String> answer = http.getForEntity(path, String.class);
        return json.readTree(answer.getBody());
    }
}
