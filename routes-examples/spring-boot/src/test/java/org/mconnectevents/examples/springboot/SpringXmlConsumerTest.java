package org.mconnectevents.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** The register's consumer in a classic Spring XML camelContext (profile spring-xml, spring/registration-consumer.xml), on H2. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:spring-xml;DB_CLOSE_DELAY=-1")
@ActiveProfiles("spring-xml")
@DirtiesContext
class SpringXmlConsumerTest extends RegistrationFlowContract {

    @Autowired
    ApplicationContext application;
    @Autowired
    CamelContext camel;

    @Test
    void theCamelContextIsTheOneOfTheSpringXmlFile() {
        assertThat(application.getBeansOfType(RegistrationConsumerRoutes.class)).isEmpty();
        assertThat(application.getBean("civil-registry")).isSameAs(camel);
        assertThat(camel.getRoute("registration-consumer")).isNotNull();
        assertThat(camel.getRoute("outbox-relay")).as("the relay runs in it too").isNotNull();
    }
}
