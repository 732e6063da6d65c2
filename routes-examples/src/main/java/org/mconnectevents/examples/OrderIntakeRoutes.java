package org.mconnectevents.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The shop's order intake: {@code POST http://127.0.0.1:<example.http.port>/orders} stores the order and its
 * {@code Order.Placed} event in the outbox in ONE transaction, so an order is never taken without its event nor
 * announced without being taken. The outbox relay produces the event afterwards. Answers 201 with the event's data.
 */
public final class OrderIntakeRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("netty-http:http://127.0.0.1:{{example.http.port}}/orders?httpMethodRestrict=POST").routeId("order-intake")
                // a malformed order is the caller's mistake: 400 with the reason, and nothing stored. markRollbackOnlyLast
                // stops routing, so it comes last: before the answer, it would leave the order's body as a 200
                .onException(IllegalArgumentException.class, JsonProcessingException.class).handled(true)
                    .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(400))
                    .setBody(simple("${exception.message}\n"))
                    .markRollbackOnlyLast().end()
                .transacted("PROPAGATION_REQUIRED")
                .bean("orderIntake", "place")
                .process("outboxAppend")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(201))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
    }
}
