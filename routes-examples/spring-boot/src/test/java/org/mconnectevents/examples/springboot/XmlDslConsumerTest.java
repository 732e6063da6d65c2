package org.mconnectevents.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** The register's consumer written in Camel's XML DSL (profile xml, routes/registration-consumer.xml), on H2. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:xml-dsl;DB_CLOSE_DELAY=-1")
@ActiveProfiles("xml")
@DirtiesContext
class XmlDslConsumerTest extends RegistrationFlowContract {

    @Autowired
    ApplicationContext application;
    @Autowired
    CamelContext camel;

    @Test
    void theConsumerIsTheRouteOfTheXmlFile() {
        assertThat(application.getBeansOfType(RegistrationConsumerRoutes.class)).isEmpty();
        assertThat(camel.getRoute("registration-consumer")).isNotNull();
    }
}
