package org.mconnectevents.examples.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.mconnectevents.client.MConnectEventsUnavailableException;

/**
 * Both sides of one event type, in one application for the example's sake: the civil registry announces each
 * registration on MConnect Events, and a consuming system keeps its own register of citizens from those events.
 * The address, the client certificate and the produced events' source and type come from
 * {@code camel.component.mconnect-events.*} in application.properties; Camel Quarkus finds this builder as a CDI bean.
 */
@ApplicationScoped
public class CitizenRegistrationRoutes extends RouteBuilder {

    /** Where the application hands a {@link CitizenRegistration} to be announced. */
    public static final String ANNOUNCE = "direct:citizen-registered";
    /** The prefix of every event id this registry produces; the rest is the registration number. */
    public static final String EVENT_ID_PREFIX = "citizen-registration-";

    @Inject
    RegisteredCitizens registeredCitizens;

    @Override
    public void configure() {
        // the service could not be reached or failed: sending again with the same id is safe (see below)
        onException(MConnectEventsUnavailableException.class)
                .maximumRedeliveries(5).redeliveryDelay(500).useExponentialBackOff();

        from(ANNOUNCE).routeId("announce-registration")
                .process(this::describeRegistration)
                .to("mconnect-events:events");

        from("mconnect-events:events?group={{citizens.consumer-group}}").routeId("record-registration")
                // a payload that is not a registration can never be processed: report it dead, and it is confirmed;
                // a technical failure is refused by the dead channel and the event comes again
                .errorHandler(deadLetterChannel("mconnect-events:dead"))
                .process(registeredCitizens::record)
                .log("recorded registration event ${header.CamelCloudEventID} at offset ${header.CamelMConnectEventsOffset}");
    }

    /**
     * The attributes the registration decides: an id made from the registration number, so that announcing the same
     * registration again (a retry, a replay) reuses the id; and the citizen as partition key, so that the events of
     * one citizen are consumed in the order they were produced.
     */
    private void describeRegistration(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        CitizenRegistration registration = message.getMandatoryBody(CitizenRegistration.class);
        message.setHeader(MConnectEventsConstants.CLOUD_EVENT_ID, EVENT_ID_PREFIX + registration.registrationNumber());
        message.setHeader(MConnectEventsConstants.PARTITION_KEY, "idnp:" + registration.idnp());
    }
}
