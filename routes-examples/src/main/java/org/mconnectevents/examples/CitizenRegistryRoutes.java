package org.mconnectevents.examples;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;

/**
 * A small stand-in for a citizen registry the consumer asks for details: {@code GET
 * http://127.0.0.1:<example.http.port>/citizens/<IDNP>} answers {@code {"idnp": "...", "name": "..."}}, or 404 for
 * an IDNP it does not know. It answers after {@code example.citizen-registry.latency}, as a remote service would.
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
        from("netty-http:http://127.0.0.1:{{example.http.port}}/citizens?matchOnUriPrefix=true&httpMethodRestrict=GET")
                .routeId("citizen-registry")
                .delay(simple("{{example.citizen-registry.latency}}"))
                .process(CitizenRegistryRoutes::answer);
    }

    private static void answer(Exchange exchange) {
        Message message = exchange.getMessage();
        String idnp = message.getHeader(Exchange.HTTP_PATH, "", String.class).replaceFirst("^/", "");
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
