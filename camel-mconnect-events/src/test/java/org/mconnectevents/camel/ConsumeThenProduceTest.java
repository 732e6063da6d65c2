package org.mconnectevents.camel;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.support.EmulatorClients;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.PERSON_REGISTERED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;

/**
 * A route that consumes an event and produces a new one from it: the headers of the consumed event describe that
 * event, so the new one gets an id of its own and the endpoint's type, never the consumed event's.
 */
class ConsumeThenProduceTest extends EmulatorRouteTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=relay")
                        .filter(header(MConnectEventsConstants.CLOUD_EVENT_TYPE).isEqualTo(ORDER_CREATED))
                        .setBody(constant("{\"idnp\":\"2000000000001\",\"name\":\"Ion Popescu\"}"))
                        .to("mconnect-events:events?type=" + PERSON_REGISTERED);
                from("mconnect-events:events?group=audit").to("mock:audit");
            }
        };
    }

    @Test
    void theNewEventHasAnIdAndTypeOfItsOwn() throws Exception {
        MockEndpoint audit = getMockEndpoint("mock:audit");
        audit.expectedMessageCount(2);

        template.sendBodyAndHeaders("mconnect-events:events", "{\"order\":1}", Map.of(
                MConnectEventsConstants.CLOUD_EVENT_ID, "order-1",
                MConnectEventsConstants.CLOUD_EVENT_SOURCE, SOURCE,
                MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED));

        audit.assertIsSatisfied(20_000);
        var relayed = audit.getReceivedExchanges().stream()
                .filter(e -> PERSON_REGISTERED.equals(e.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_TYPE)))
                .findFirst().orElseThrow().getMessage();
        assertThat(relayed.getHeader(MConnectEventsConstants.CLOUD_EVENT_ID)).isNotNull().isNotEqualTo("order-1");
        assertThat(relayed.getHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE)).isEqualTo(SOURCE);
        assertThat(relayed.getBody(String.class)).contains("Ion Popescu");
    }
}
