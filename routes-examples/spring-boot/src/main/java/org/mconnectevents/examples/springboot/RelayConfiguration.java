package org.mconnectevents.examples.springboot;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.mconnectevents.camel.jpa.outbox.OutboxRelayRoutes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outbox relay: one line, on the application's DataSource and its transaction manager (Spring Boot's beans
 * {@code dataSource} and {@code transactionManager}), so that every send is marked in a transaction of that manager.
 */
@Configuration(proxyBeanMethods = false)
public class RelayConfiguration {

    @Bean
    CamelContextConfiguration outboxRelay(@Value("${civil-registry.outbox.poll-interval}") String pollInterval) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                OutboxRelayRoutes.relay(context).routeId("outbox-relay").parameter("dataSource", "dataSource")
                        .parameter("transactionManager", "transactionManager").parameter("pollInterval", pollInterval)
                        .add();
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
                // nothing: the relay starts with Camel
            }
        };
    }
}
