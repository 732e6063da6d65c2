package org.mconnectevents.examples;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;

/**
 * A small stand-in for a citizen registry the consumer asks for details: {@code POST
 * http://127.0.0.1:<example.http.port>/citizens/lookup} with {@code {"idnp": "..."}} answers
 * {@code {"idnp": "...", "name": "..."}}, or 404 for an IDNP it does not know; and {@code direct:citizen-details}, the
 * client the consumers' enrich step calls. It answers after {@code example.citizen-registry.latency}, as a remote service would.
 */
public final class CitizenRegistryRoutes extends RouteBuilder {

    /** The citizens the registry knows, by IDNP. */
    public static final Map<String, String> CITIZENS = Map.of(
            "2001234567890", "Ion Popescu",
            "2002345678901", "Maria Ciobanu",
            "2003456789012", "Ștefan Țurcanu",
            "2004567890123", "Elena Rusu");

    @Override
    public void configure() {
        // the client side, for the consumers' enrich step: the customer's IDNP (header CustomerIdnp) goes in the body of
        // a POST, so that no URI (endpoint registry, logs, proxies) carries personal data
        from("direct:citizen-details").routeId("citizen-details")
                .setBody(simple("{\"idnp\":\"${header.CustomerIdnp}\"}"))
                .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .to("netty-http:http://127.0.0.1:{{example.http.port}}/citizens/lookup");

        from("netty-http:http://127.0.0.1:{{example.http.port}}/citizens/lookup?httpMethodRestrict=POST")
                .routeId("citizen-registry")
                .delay(simple("{{example.citizen-registry.latency}}"))
                .setHeader("RequestedIdnp").jsonpath("$.idnp")
                .process(CitizenRegistryRoutes::answer);
    }

    private static void answer(Exchange exchange) {
        Message message = exchange.getMessage();
        String idnp = message.getHeader("RequestedIdnp", "", String.class);
        String name = CITIZENS.get(idnp);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (name == null) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            message.setBody("{\"error\":\"no citizen with IDNP " + idnp + "\"}");
        } else {
            message.setBody("{\"idnp\":\"" + idnp + "\",\"name\":\"" + name + "\"}");
        }
    }
}
