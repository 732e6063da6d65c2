package org.mconnectevents.examples.springboot;

import jakarta.persistence.EntityManagerFactory;
import org.apache.camel.Expression;
import org.apache.camel.processor.idempotent.jpa.JpaMessageIdRepository;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.mconnectevents.camel.jpa.idempotency.EventKey;
import org.mconnectevents.camel.jpa.idempotency.MConnectEventsIdempotency;
import org.mconnectevents.camel.jpa.personaldata.PersonalDataPolicy;
import org.mconnectevents.camel.jpa.personaldata.PersonalDataRecorder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The beans the consumer routes name, whichever DSL they are written in, all on the application's own
 * {@link PlatformTransactionManager} (Spring Boot's JPA transaction manager) and entity manager factory: the
 * transaction policy, the event key, the processed-event repository and the personal-data recorder.
 */
@Configuration(proxyBeanMethods = false)
public class ConsumerBeans {

    /** The policy of {@code transacted()}: Camel's default name, so a route needs no reference to it. */
    @Bean("PROPAGATION_REQUIRED")
    SpringTransactionPolicy propagationRequired(PlatformTransactionManager transactionManager) {
        return new SpringTransactionPolicy(transactionManager);
    }

    @Bean
    Expression eventKey() {
        return EventKey.eventKey();
    }

    /** The keys of the events the register processed, written in the route's transaction. */
    @Bean
    JpaMessageIdRepository processedEvents(EntityManagerFactory entityManagerFactory,
            PlatformTransactionManager transactionManager) {
        return MConnectEventsIdempotency.jpaRepository(entityManagerFactory, transactionManager, "citizen-register");
    }

    /** One record per citizen whose data the register processed, in the route's transaction. */
    @Bean
    PersonalDataRecorder personalDataRecorder(EntityManagerFactory entityManagerFactory,
            @Value("${civil-registry.idno}") String idno, @Value("${civil-registry.event.type}") String type) {
        PersonalDataPolicy policy = PersonalDataPolicy.idno(idno)
                .type(type)
                    .subject("$.idnp")
                    .legalBasis("Law 100/2001 on civil status acts, art. 4")
                    .legalReason("keeping the register of citizens")
                .end().build();
        return PersonalDataRecorder.jpa(policy, entityManagerFactory);
    }
}
