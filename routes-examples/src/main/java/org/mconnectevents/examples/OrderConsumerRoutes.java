package org.mconnectevents.examples;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The order consumer in Java DSL, step for step the same as {@code routes/order-consumer.yaml} (which runs by
 * default; {@code example.consumer=java} runs this one instead). Beans are bound by {@link ExampleConfiguration}.
 * <p>
 * It takes the shop's order events and asks the citizen registry for the customer's name, outside any transaction (no
 * database connection is held while the registry answers). Then, in one transaction, the processed-event key, the
 * personal-data record and the business row commit together, or nothing does. The dead letter channel decides what a
 * failure means: structural (the event can never be processed) is reported dead, and the transaction rolls back;
 * technical (database or network down) is refused, so the event stays unconfirmed and comes again.
 */
public final class OrderConsumerRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("mconnect-events:events?group=order-consumer").routeId("order-consumer")
                .routeDescription("the order consumer in Java DSL (OrderConsumerRoutes)")
                .errorHandler(deadLetterChannel("mconnect-events:dead"))
                .setHeader("CustomerIdnp").jsonpath("$.customer.idnp")
                // asks the registry (CitizenRegistryRoutes); the IDNP travels in the request body, never in a URI
                .enrich().constant("direct:citizen-details").aggregationStrategy("citizenDetails")
                .transacted("PROPAGATION_REQUIRED")
                .idempotentConsumer().language("ref", "eventKey").idempotentRepository("processedEvents").skipDuplicate(false)
                    .filter(header(Exchange.DUPLICATE_MESSAGE))
                        .log(LoggingLevel.INFO, "skipping ${header.CamelCloudEventID}: processed before (a duplicate delivery)")
                        .bean("eventTally", "duplicateSkipped")
                        .stop()
                    .end()
                    .process("personalDataRecorder")
                    .bean("receivedOrders", "store");
    }
}
