package org.mconnectevents.camel.quarkus.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.builder.RouteBuilder;
import org.mconnectevents.camel.MConnectEventsConstants;

/**
 * An application that sends greetings as events and keeps those it consumes, with no MConnect Events configuration:
 * in dev and test mode the extension's Dev Services start an emulator whose client produces the type named below, from
 * the source named below, and consumes it.
 */
@ApplicationScoped
public class GreetingRoutes extends RouteBuilder {

    /** Where the application hands a greeting (the event's data) to be sent. */
    public static final String SEND = "direct:send-greeting";

    @Inject
    ReceivedGreetings receivedGreetings;

    @Override
    public void configure() {
        from(SEND).routeId("send-greeting")
                .to("mconnect-events:events?source=urn:example:greetings&type=EXAMPLE.Greetings.Greeting.Sent");

        from("mconnect-events:events?group=greeting-log").routeId("log-greeting")
                .process(exchange -> receivedGreetings.add(
                        exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class),
                        exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_TYPE, String.class),
                        exchange.getMessage().getBody(String.class)));
    }
}
