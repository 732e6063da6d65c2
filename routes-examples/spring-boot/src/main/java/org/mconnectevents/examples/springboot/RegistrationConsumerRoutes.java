package org.mconnectevents.examples.springboot;

import org.apache.camel.builder.RouteBuilder;
import org.mconnectevents.camel.jpa.idempotency.EventKey;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The register's consumer in Java DSL (the default; the profiles xml and spring-xml run the same route written in
 * Camel's XML DSL, routes/registration-consumer.xml, or in a Spring XML camelContext, spring/registration-consumer.xml).
 * <p>
 * In one transaction of the application's transaction manager: the processed-event key, the personal-data record and
 * the register's row commit together, or nothing does; a duplicate delivery finds its key and is skipped. The dead
 * letter channel decides what a failure means: structural (the event can never be processed: data that is not JSON,
 * no IDNP to record) is reported dead and the transaction rolls back; technical (the database is down) is refused, so
 * the event stays unconfirmed and comes again.
 */
@Component
@Profile("!xml & !spring-xml")
public class RegistrationConsumerRoutes extends RouteBuilder {

    @Override
    public void configure() {
        errorHandler(deadLetterChannel("mconnect-events:dead"));

        from("mconnect-events:events?group=citizen-register").routeId("registration-consumer")
                .transacted()
                .idempotentConsumer(EventKey.eventKey()).idempotentRepository("processedEvents")
                    .process("personalDataRecorder")
                    .to("bean:citizenRegister?method=store");
    }
}
