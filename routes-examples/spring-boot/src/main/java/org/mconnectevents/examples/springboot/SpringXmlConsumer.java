package org.mconnectevents.examples.springboot;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportResource;
import org.springframework.context.annotation.Profile;

/**
 * With the profile spring-xml, the register's consumer is a classic Spring XML {@code <camelContext>}
 * (spring/registration-consumer.xml), as an ESB keeps its routes; Camel Spring Boot's XML support makes it the
 * application's CamelContext, configured from the same properties.
 */
@Configuration(proxyBeanMethods = false)
@Profile("spring-xml")
@ImportResource("classpath:spring/registration-consumer.xml")
public class SpringXmlConsumer {
}
