package org.mconnectevents.camel;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.mconnectevents.client.MConnectEventsRejectedException;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.mconnectevents.camel.support.LogCapture;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.camel.support.RegistryConsumption;

import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * Events carry personal data (IDNPs). By default no log line and no exception message of the component carries an
 * event's data, subject, extension values or partition key, nor a message that may quote them (a JSON parser's, the
 * service's explanation of a malformed request, the route's own exception): ids, sources, types, offsets, sizes,
 * exception classes and rule names only. {@code logEventData=true}, a debugging aid, adds the messages. The personal-data
 * recorder's failures are the building blocks' PersonalDataInLogsTest.
 */
class EventDataInLogsTest extends EmulatorRouteTestSupport {

    private static final String IDNP = "2009876543210";

    @Test
    void dataTheServiceRefusesAsMalformedIsNotQuotedInTheRefusalNorInTheLog() {
        try (LogCapture log = LogCapture.everything()) {
            // the service's JSON parser quotes the token it could not read
            Exchange sent = template.send("mconnect-events:events?format=binary&source=" + SOURCE + "&type=" + ORDER_CREATED,
                    exchange -> {
                        exchange.getMessage().setHeaders(personalHeaders("malformed-1"));
                        exchange.getMessage().setBody("{\"idnp\": x" + IDNP + "}");
                    });

            assertThat(sent.getException()).isInstanceOf(MConnectEventsRejectedException.class);
            assertThat(messagesOf(sent.getException())).isNotEmpty().noneMatch(message -> message.contains(IDNP))
                    .anyMatch(message -> message.contains("id=malformed-1"));
            assertThat(log.written()).noneMatch(line -> line.contains(IDNP));
        }
    }

    @Test
    void aStructuralFailureIsReportedDeadAndLoggedByItsExceptionClassNotByItsMessage() throws Exception {
        try (LogCapture log = LogCapture.everything()) {
            consumeWithDeadLetters("structural", "mconnect-events:dead", exchange -> {
                throw new IllegalArgumentException("no person with IDNP " + IDNP + " in the registry");
            });
            OrderEvents.produce(template, List.of(personalEvent("person-1")));

            within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "structural").confirmed()).isEqualTo(1));
            assertThat(log.written()).anyMatch(line -> line.contains("Reported event (source=" + SOURCE + ", id=person-1)")
                    && line.contains("java.lang.IllegalArgumentException"));
            assertThat(log.written()).noneMatch(line -> line.contains(IDNP));
        }
        // the service, which holds the event's data anyway, gets the whole reason
        assertThat(deadReasons()).singleElement().asString().contains(IDNP);
    }

    @Test
    void aRefusedTechnicalFailureIsLoggedByItsExceptionClassNotByItsMessage() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (LogCapture log = LogCapture.everything()) {
            consumeWithDeadLetters("technical", "mconnect-events:dead", exchange -> {
                if (attempts.incrementAndGet() == 1) {
                    throw new SQLTransientConnectionException("the row of person " + IDNP + " is locked");
                }
            });
            OrderEvents.produce(template, List.of(personalEvent("person-1")));

            within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "technical").confirmed()).isEqualTo(1));
            assertThat(log.warningsOrWorse()).singleElement().asString()
                    .contains("id=person-1", "java.sql.SQLTransientConnectionException");
            assertThat(log.written()).noneMatch(line -> line.contains(IDNP));
        }
    }

    @Test
    void withLogEventDataTheLoggedReasonsCarryTheMessagesOfTheFailures() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (LogCapture log = LogCapture.everything()) {
            consumeWithDeadLetters("debugging", "mconnect-events:dead?logEventData=true", exchange -> {
                String id = idOf(exchange);
                if (id.equals("person-1")) {
                    throw new IllegalArgumentException("no person with IDNP " + IDNP + " in the registry");
                }
                if (attempts.incrementAndGet() == 1) {
                    throw new SQLTransientConnectionException("the row of person " + IDNP + " is locked");
                }
            });
            OrderEvents.produce(template, List.of(personalEvent("person-1"), personalEvent("person-2")));

            within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "debugging").confirmed()).isEqualTo(2));
            assertThat(log.written()).anyMatch(line -> line.contains("id=person-1") && line.contains("no person with IDNP " + IDNP));
            assertThat(log.warningsOrWorse()).singleElement().asString()
                    .contains("id=person-2", "the row of person " + IDNP + " is locked");
        }
    }

    /** A consumer of {@code group} whose failures go to a dead letter channel to {@code deadUri}. */
    private void consumeWithDeadLetters(String group, String deadUri, Processor processor) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel(deadUri));
                from("mconnect-events:events?reconnectDelay=10&group=" + group).process(processor);
            }
        });
    }

    /** An order whose data, subject and partition key carry the IDNP of a person. */
    private static CloudEvent personalEvent(String id) {
        return CloudEventBuilder.v1(OrderEvents.orderCreated(id, "person:" + IDNP, "{\"idnp\":\"" + IDNP + "\"}"))
                .withSubject("persons/" + IDNP).build();
    }

    private static Map<String, Object> personalHeaders(String id) {
        return Map.of(MConnectEventsConstants.CLOUD_EVENT_ID, id,
                MConnectEventsConstants.CLOUD_EVENT_SUBJECT, "persons/" + IDNP,
                MConnectEventsConstants.PARTITION_KEY, "person:" + IDNP,
                MConnectEventsConstants.CLOUD_EVENT_DATA_CONTENT_TYPE, "application/json");
    }

    private List<String> deadReasons() {
        List<String> reasons = new ArrayList<>();
        for (JsonNode dead : emulator.deadEvents(EmulatorClients.REGISTRY)) {
            reasons.add(dead.path(MConnectEventsConstants.DEAD_REASON_ATTRIBUTE).asText());
        }
        return reasons;
    }

    /** The message of an exception and of each of its causes. */
    private static List<String> messagesOf(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable current = failure; current != null && messages.size() < 10; current = current.getCause()) {
            messages.add(String.valueOf(current.getMessage()));
        }
        return messages;
    }
}
