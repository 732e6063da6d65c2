package org.mconnectevents.soak.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.spi.Registry;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.mconnectevents.camel.jpa.outbox.Outbox;
import org.mconnectevents.camel.jpa.outbox.OutboxRelayRoutes;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/**
 * A producer of the soak (Camel Main, one OS process): {@code POST http://127.0.0.1:<soak.http.port>/requests} writes
 * the business row and its outbox row in one transaction and answers 200 once both are committed; the outbox relay
 * (camel-mconnect-events-jpa's route template) sends the rows. Every producer's relay works on the one shared outbox.
 * {@code GET /ready} answers 200 once the routes run.
 * <p>
 * System properties: {@code soak.name}, {@code soak.http.port}, {@code soak.jdbc.url}, {@code soak.base-address},
 * {@code soak.key-store}, {@code soak.key-store-password}, {@code soak.trust-store}.
 */
public final class ProducerApplication implements CamelConfiguration {

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.configure().addConfiguration(new ProducerApplication());
        main.run(args);
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        String name = SoakApplications.required(context, "soak.name");
        SoakApplications.connect(context);
        SoakDatabase database = new SoakDatabase(SoakApplications.required(context, "soak.jdbc.url"), name, 10);
        SoakApplications.stopWithCamel(context, database);
        Registry registry = context.getRegistry();
        registry.bind("dataSource", database.dataSource());
        registry.bind("PROPAGATION_REQUIRED", new SpringTransactionPolicy(database.transactionManager()));
        registry.bind("businessRequests", new BusinessRequests(
                SharedEntityManagerCreator.createSharedEntityManager(database.entityManagerFactory()), name));
        registry.bind("outboxAppend", Outbox.append(database.entityManagerFactory()));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("netty-http:http://127.0.0.1:{{soak.http.port}}/requests?httpMethodRestrict=POST").routeId("requests")
                        .onException(IllegalArgumentException.class, JsonProcessingException.class).handled(true)
                            .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(400))
                            .setBody(simple("${exception.message}\n"))
                            .markRollbackOnlyLast().end()
                        .transacted("PROPAGATION_REQUIRED")
                        .bean("businessRequests", "accept")
                        .filter(header(BusinessRequests.ALREADY_ACCEPTED).isEqualTo(false))
                            .process("outboxAppend")
                        .end()
                        // no CamelHttpResponseCode here: the transaction commits after the last step, and netty-http
                        // answers a response code set in the route even when that commit then fails. Without one it
                        // answers 200 only if the exchange (commit included) succeeded, else 500
                        .setBody(constant("accepted\n"));
                from("netty-http:http://127.0.0.1:{{soak.http.port}}/ready?httpMethodRestrict=GET").routeId("ready")
                        .setBody(constant("ready\n"));
            }
        });
        OutboxRelayRoutes.relay(context).routeId("outbox-relay").parameter("relayId", name)
                .parameter("dataSource", "dataSource").parameter("pollInterval", "100").add();
    }
}
