package org.mconnectevents.examples.quarkus.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.quarkus.component.jpa.QuarkusTransactionStrategy;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mconnectevents.camel.jpa.idempotency.EventKey;
import org.mconnectevents.camel.jpa.idempotency.MConnectEventsIdempotency;
import org.mconnectevents.camel.jpa.outbox.OutboxRelay;
import org.mconnectevents.camel.jpa.outbox.OutboxRelaySettings;
import org.mconnectevents.camel.jpa.personaldata.PersonalDataPolicy;
import org.mconnectevents.camel.jpa.personaldata.PersonalDataRecorder;

/**
 * The relay that sends what {@link Registrations} wrote to the outbox, and the consumer that keeps the register: in
 * one Narayana JTA transaction per event ({@code transacted()} takes camel-quarkus-jta's {@code PROPAGATION_REQUIRED}),
 * it records the event's key (a duplicate is skipped), the personal-data record and the register's row, all with
 * Hibernate ORM on the application's datasource. A structural failure reports the event dead and commits nothing.
 */
@ApplicationScoped
public class RegistryRoutes extends RouteBuilder {

    /** The id of the relay's bean in the Camel registry, with its counters. */
    public static final String RELAY = "outbox-relay";

    @Inject
    DatabaseSchema schema;

    @Inject
    EntityManagerFactory entityManagerFactory;

    @Inject
    RegisterOfCitizens register;

    @ConfigProperty(name = "citizens.consumer-group")
    String consumerGroup;

    @ConfigProperty(name = "citizens.idno")
    String idno;

    @Override
    public void configure() {
        OutboxRelay relay = OutboxRelay.of(getContext(), schema.dataSource(), new OutboxRelaySettings());
        getContext().getRegistry().bind(RELAY, relay);
        from("timer:outbox-relay?period=200&delay=200").routeId("outbox-relay")
                .process(relay);

        PersonalDataPolicy personalData = PersonalDataPolicy.idno(idno)
                .type(Registrations.TYPE).subject("$.idnp")
                    .legalBasis("Law 133/2011 on personal data protection, art. 5")
                    .legalReason("keeping the register of citizens").end()
                .build();
        from("mconnect-events:events?group=" + consumerGroup).routeId("register-citizens")
                .errorHandler(deadLetterChannel("mconnect-events:dead"))
                .transacted()
                .idempotentConsumer(EventKey.eventKey(), MConnectEventsIdempotency.jtaRepository(entityManagerFactory,
                        new QuarkusTransactionStrategy(), consumerGroup))
                    .process(PersonalDataRecorder.jpa(personalData, entityManagerFactory))
                    .process(register::store)
                .end();
    }
}
