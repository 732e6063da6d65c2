package org.mconnectevents.soak.app;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.spi.Registry;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.mconnectevents.camel.jpa.idempotency.EventKey;
import org.mconnectevents.camel.jpa.idempotency.MConnectEventsIdempotency;
import org.mconnectevents.camel.jpa.personaldata.PersonalDataPolicy;
import org.mconnectevents.camel.jpa.personaldata.PersonalDataRecorder;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/**
 * A consumer of the soak (Camel Main, one OS process), one of the group {@value #GROUP}: in one transaction, the
 * processed-event key (the idempotent repository), the personal-data record and the ledger's effect commit together,
 * or nothing does; {@code deadLetterChannel("mconnect-events:dead")} reports structurally bad events dead and leaves
 * technical failures (the database down) unconfirmed, to come again.
 * <p>
 * System properties: {@code soak.name}, {@code soak.transport} ({@code websocket} or {@code longpolling}),
 * {@code soak.sessions} (concurrentConsumers), {@code soak.parallelism}, {@code soak.jdbc.url} and the connection's
 * {@code soak.base-address}, {@code soak.key-store}, {@code soak.key-store-password}, {@code soak.trust-store}.
 */
public final class ConsumerApplication implements CamelConfiguration {

    /** The consumer group of every consumer process. */
    public static final String GROUP = "soak";

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.configure().addConfiguration(new ConsumerApplication());
        main.run(args);
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        String name = SoakApplications.required(context, "soak.name");
        SoakApplications.connect(context);
        SoakDatabase database = new SoakDatabase(SoakApplications.required(context, "soak.jdbc.url"), name, 16);
        SoakApplications.stopWithCamel(context, database);
        Registry registry = context.getRegistry();
        registry.bind("PROPAGATION_REQUIRED", new SpringTransactionPolicy(database.transactionManager()));
        registry.bind("eventKey", EventKey.eventKey());
        registry.bind("processedEvents", MConnectEventsIdempotency.jpaRepository(database.entityManagerFactory(),
                database.transactionManager(), GROUP));
        registry.bind("personalDataRecorder", PersonalDataRecorder.jpa(PersonalDataPolicy.idno("1003600000202")
                .type(SoakApplications.TYPE)
                    .subject("$.idnp")
                    .legalBasis("Law 133/2011 on personal data protection, art. 5")
                    .legalReason("keeping the ledger")
                .end().build(), database.entityManagerFactory()));
        registry.bind("ledger", new Ledger(SharedEntityManagerCreator.createSharedEntityManager(
                database.entityManagerFactory()), name));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=" + GROUP + "&transport={{soak.transport}}"
                        + "&concurrentConsumers={{soak.sessions}}&parallelism={{soak.parallelism}}").routeId("ledger")
                        .errorHandler(deadLetterChannel("mconnect-events:dead"))
                        .transacted("PROPAGATION_REQUIRED")
                        .idempotentConsumer().language("ref", "eventKey").idempotentRepository("processedEvents")
                                .skipDuplicate(false)
                            .filter(header(Exchange.DUPLICATE_MESSAGE))
                                .bean("ledger", "duplicate")
                                .stop()
                            .end()
                            .process("personalDataRecorder")
                            .bean("ledger", "apply");
            }
        });
    }
}
