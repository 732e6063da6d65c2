package org.mconnectevents.examples;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Reviews the shop's dead events: MConnect Events keeps the events our consumer reported dead, with their reason,
 * and delivers them on the dead channel. Here they are logged and counted; a real system would open a ticket.
 */
public final class DeadEventReviewRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("mconnect-events:dead?bodyType=cloudevent").routeId("dead-event-review")
                .log(LoggingLevel.WARN, "dead event ${header.CamelCloudEventSource} / ${header.CamelCloudEventID}: "
                        + "${body.getExtension('deadreason')}")
                .bean("eventTally", "deadReviewed");
    }
}
