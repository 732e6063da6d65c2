package org.mconnectevents.camel.micrometer;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.mconnectevents.camel.support.OrderEvents;

/** Without a MeterRegistry in the Camel registry the meters stay off, and the routes run as without the jar. */
class WithoutMeterRegistryTest extends EmulatorRouteTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=no-metrics").routeId("registrations").to("mock:consumed");
            }
        };
    }

    @Test
    void eventsAreProducedAndConsumed() throws Exception {
        MockEndpoint consumed = getMockEndpoint("mock:consumed");
        consumed.expectedMessageCount(3);

        OrderEvents.produce(template, OrderEvents.orders("plain-", 3, n -> null));

        consumed.setResultWaitTime(30_000);
        consumed.assertIsSatisfied();
    }
}
