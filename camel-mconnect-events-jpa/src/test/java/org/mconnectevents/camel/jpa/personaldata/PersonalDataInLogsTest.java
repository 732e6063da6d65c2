package org.mconnectevents.camel.jpa.personaldata;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.mconnectevents.camel.support.LogCapture;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.camel.support.RegistryConsumption;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * The personal-data recorder keeps the component's rule on logs: an event whose data it cannot read fails, and is
 * reported dead, with a reason that names the event, the rule and the exception class, never the data.
 */
class PersonalDataInLogsTest extends EmulatorRouteTestSupport {

    private static final String IDNP = "2009876543210";

    @Test
    void dataThePersonalDataRecorderCannotReadIsNotQuotedInItsFailure() throws Exception {
        PersonalDataPolicy policy = PersonalDataPolicy.idno("1003600000010").type(ORDER_CREATED).subject("$.idnp")
                .legalBasis("Law 133/2011").legalReason("Order delivery").end().build();
        try (LogCapture log = LogCapture.everything()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(deadLetterChannel("mconnect-events:dead"));
                    from("mconnect-events:events?reconnectDelay=10&group=records").process(PersonalDataRecorder.to(policy, "mock:records"));
                }
            });
            // not JSON: the JSON parser quotes the token it could not read
            OrderEvents.produce(template, List.of(CloudEventBuilder.v1(OrderEvents.orderCreated("person-1", "person:" + IDNP, "{}"))
                    .withSubject("persons/" + IDNP)
                    .withData("text/plain", ("x" + IDNP).getBytes(StandardCharsets.UTF_8)).build()));

            within(20).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "records").confirmed()).isEqualTo(1));
            assertThat(log.written()).noneMatch(line -> line.contains(IDNP));
        }
        // the reason reported with the event is the exception's message: ours, so without the data
        assertThat(deadReasons()).singleElement().asString()
                .contains("PersonalDataPathMissingException", "id=person-1", "not JSON").doesNotContain(IDNP);
    }

    private List<String> deadReasons() {
        List<String> reasons = new ArrayList<>();
        for (JsonNode dead : emulator.deadEvents(EmulatorClients.REGISTRY)) {
            reasons.add(dead.path(MConnectEventsConstants.DEAD_REASON_ATTRIBUTE).asText());
        }
        return reasons;
    }
}
