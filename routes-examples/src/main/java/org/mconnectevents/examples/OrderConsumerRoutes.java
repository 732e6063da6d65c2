package org.mconnectevents.examples;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The order consumer in Java DSL, step for step the same as {@code routes/order-consumer.yaml} (which runs by
 * default; {@code example.consumer=java} runs this one instead). Beans are bound by {@link ExampleConfiguration}.
 * <ul>
 * <li>{@code order-consumer} takes the shop's order events, asks the citizen registry for the customer's name and
 * hands the event to the transactional part. Its dead letter channel decides what a failure means: structural
 * (the event can never be processed) is reported dead and confirmed; technical (database or network down) is
 * refused, so the event stays unconfirmed and comes again.</li>
 * <li>{@code store-received-order} is one transaction with no error handler of its own: the processed-event key,
 * the personal-data record and the business row commit together, or nothing does.</li>
 * </ul>
 */
public final class OrderConsumerRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("mconnect-events:events?group=order-consumer").routeId("order-consumer")
                .errorHandler(deadLetterChannel("mconnect-events:dead"))
                .setHeader("CustomerIdnp").jsonpath("$.customer.idnp")
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                // outside the transaction: no database connection is held while the registry answers
                .enrich().simple("netty-http:http://127.0.0.1:{{example.http.port}}/citizens/${header.CustomerIdnp}")
                    .aggregationStrategy("citizenDetails")
                .to("direct:store-received-order");

        from("direct:store-received-order").routeId("store-received-order")
                .errorHandler(noErrorHandler())
                .transacted("PROPAGATION_REQUIRED")
                // a rolled-back transaction takes the key with it, so there is nothing to remove on failure
                .idempotentConsumer().language("ref", "eventKey").idempotentRepository("processedEvents")
                        .skipDuplicate(false).removeOnFailure(false)
                    .filter(header(Exchange.DUPLICATE_MESSAGE))
                        .log(LoggingLevel.INFO, "skipping ${header.CamelCloudEventID}: processed before (a duplicate delivery)")
                        .bean("eventTally", "duplicateSkipped")
                        .stop()
                    .end()
                    .process("personalDataRecorder")
                    .bean("receivedOrders", "store");
    }
}
