package org.mconnectevents.camel.quarkus.deployment;

import org.apache.camel.builder.RouteBuilder;

/** A test application's routes: they produce one event type, with its source from a property, and consume. */
public class GreetingRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:greet").routeId("greet")
                .to("mconnect-events:events?source={{greetings.source}}&type=TEST.Greetings.Greeting.Sent");
        from("mconnect-events:events?group=greeters").routeId("greeted")
                .to("direct:greeted");
        from("direct:greeted").routeId("greeted-sink")
                .setBody(constant("greeted"));
    }
}
