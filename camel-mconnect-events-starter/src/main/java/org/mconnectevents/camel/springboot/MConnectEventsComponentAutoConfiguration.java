package org.mconnectevents.camel.springboot;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.mconnectevents.camel.MConnectEventsComponent;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Configures every mconnect-events component Camel creates from {@link MConnectEventsComponentConfiguration}, as
 * Camel's generated starters configure theirs: a {@link ComponentCustomizer} that copies the options set in Spring
 * Boot onto the component through its generated configurer. Off with {@code camel.component.mconnect-events.enabled=false}
 * (or {@code camel.component.enabled=false}); the customizer alone off with {@code ...customizer.enabled=false}.
 */
@AutoConfiguration(after = {CamelAutoConfiguration.class, MConnectEventsComponentConverter.class})
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ComponentConfigurationProperties.class, MConnectEventsComponentConfiguration.class})
@ConditionalOnHierarchicalProperties({"camel.component", MConnectEventsComponentConfiguration.PREFIX})
public class MConnectEventsComponentAutoConfiguration {

    private final ApplicationContext applicationContext;
    private final CamelContext camelContext;
    private final MConnectEventsComponentConfiguration configuration;

    public MConnectEventsComponentAutoConfiguration(ApplicationContext applicationContext, CamelContext camelContext,
            MConnectEventsComponentConfiguration configuration) {
        this.applicationContext = applicationContext;
        this.camelContext = camelContext;
        this.configuration = configuration;
    }

    /** Copies the options set in Spring Boot onto each mconnect-events component when Camel creates it. */
    @Lazy
    @Bean
    public ComponentCustomizer configureMConnectEventsComponent() {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                CamelPropertiesHelper.copyProperties(camelContext, configuration, target);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext, "camel.component.customizer",
                        MConnectEventsComponentConfiguration.PREFIX + ".customizer")
                        && target instanceof MConnectEventsComponent;
            }
        };
    }
}
