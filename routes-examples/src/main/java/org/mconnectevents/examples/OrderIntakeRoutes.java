package org.mconnectevents.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The shop's order intake: {@code POST http://127.0.0.1:<example.http.port>/orders} stores the order and its
 * {@code Order.Placed} event in the outbox in ONE transaction, so an order is never taken without its event nor
 * announced without being taken. The outbox relay produces the event afterwards. Answers 201 with the event's data
 * once that transaction committed, 400 for a malformed order, 500 when the transaction failed (the commit included).
 */
public final class OrderIntakeRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("netty-http:http://127.0.0.1:{{example.http.port}}/orders?httpMethodRestrict=POST").routeId("order-intake-http")
                .doTry()
                    .to("direct:order-intake")
                    // only here, after the transaction committed: netty-http sends a response code set in the route
                    // even when the exchange then fails, so a 201 set inside the transaction would announce an order
                    // whose commit failed
                    .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(201))
                    .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                // a malformed order is the caller's mistake: 400 with the reason; its transaction rolled back already
                .doCatch(IllegalArgumentException.class, JsonProcessingException.class)
                    .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(400))
                    .setBody(simple("${exception.message}\n"))
                .end();
        from("direct:order-intake").routeId("order-intake")
                .transacted("PROPAGATION_REQUIRED")
                .bean("orderIntake", "place")
                .process("outboxAppend");
    }
}
