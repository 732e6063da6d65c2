package org.mconnectevents.camel.jpa.personaldata;

import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.mconnectevents.camel.checklist.ChecklistFinding;
import org.mconnectevents.camel.checklist.ChecklistItem;
import org.mconnectevents.camel.checklist.ChecklistState;
import org.mconnectevents.camel.checklist.MConnectEventsChecklist;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;

/**
 * The consumers' personal-data rules checked on the producer's side: with {@code producedEventCheck} set to the policy's
 * producer check, the checklist tells how many events of a type with a rule lacked what their consumers must record,
 * naming the event and the path, never the data; the events are sent all the same.
 */
class ProducerPersonalDataCheckTest extends EmulatorRouteTestSupport {

    private static final PersonalDataPolicy POLICY = PersonalDataPolicy.idno("1003600000002")
            .type(ORDER_CREATED).subject("$.customer.idnp").legalBasis("Law 133/2011, art. 5").legalReason("Orders").end()
            .build();

    @Override
    protected RouteBuilder createRouteBuilder() {
        context.getRegistry().bind("personalDataCheck", POLICY.producerCheck());
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order").to("mconnect-events:events?producedEventCheck=#personalDataCheck");
            }
        };
    }

    @Test
    void anEventWithoutItsDataSubjectIsCountedNamedAndSentAnyway() {
        assertThat(line().state()).isEqualTo(ChecklistState.UNKNOWN);

        order("with-subject", "{\"customer\":{\"idnp\":\"2000000000007\"}}");
        assertThat(line().state()).isEqualTo(ChecklistState.MET);
        order("without-subject", "{\"customer\":{\"name\":\"Ion Secret\"}}");

        ChecklistFinding line = line();
        assertThat(line.state()).isEqualTo(ChecklistState.NOT_MET);
        assertThat(line.evidence()).startsWith("1 of 2 events checked lacked what their consumers must record")
                .contains("id=without-subject").contains("$.customer.idnp")
                .doesNotContain("Ion Secret").doesNotContain("2000000000007");
        assertThat(emulator.state().get("produced").asLong()).as("reported, never refused").isEqualTo(2);
    }

    private void order(String id, String data) {
        template.sendBodyAndHeaders("direct:order", data, Map.of(MConnectEventsConstants.CLOUD_EVENT_ID, id,
                MConnectEventsConstants.CLOUD_EVENT_SOURCE, SOURCE, MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED));
    }

    private ChecklistFinding line() {
        return MConnectEventsChecklist.of(context).findings(ChecklistItem.PERSONAL_DATA).stream()
                .filter(finding -> finding.subject().startsWith("mconnect-events://events"))
                .findFirst().orElseThrow(() -> new AssertionError(MConnectEventsChecklist.of(context).toText()));
    }
}
