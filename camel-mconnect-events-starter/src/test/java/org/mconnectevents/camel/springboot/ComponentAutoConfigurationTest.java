package org.mconnectevents.camel.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.MConnectEventsComponent;
import org.mconnectevents.camel.MConnectEventsConfiguration;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** What {@code camel.component.mconnect-events.*} in a Spring Boot application does to the component. */
class ComponentAutoConfigurationTest {

    private final ApplicationContextRunner application = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, MConnectEventsComponentConverter.class,
                    MConnectEventsComponentAutoConfiguration.class, MConnectEventsSecretsAutoConfiguration.class))
            .withPropertyValues("camel.main.name=starter-test");

    @Test
    void applicationPropertiesConfigureTheComponent() {
        application.withPropertyValues(
                        "camel.component.mconnect-events.base-address=https://mconnect-events.staging.egov.md:8443/",
                        "camel.component.mconnect-events.key-store=classpath:client.p12",
                        "camel.component.mconnect-events.key-store-password=change-me",
                        "camel.component.mconnect-events.group=registry",
                        "camel.component.mconnect-events.parallelism=4",
                        "camel.component.mconnect-events.reconnect-delay=2s",
                        "camel.component.mconnect-events.confirm-interval=PT0.5S",
                        "camel.component.mconnect-events.stop-timeout=10000",
                        "camel.component.mconnect-events.transport=longpolling",
                        "camel.component.mconnect-events.test=false")
                .run(context -> {
                    MConnectEventsConfiguration options = component(context).getConfiguration();
                    assertThat(options.getBaseAddress()).isEqualTo("https://mconnect-events.staging.egov.md:8443/");
                    assertThat(options.getKeyStore()).isEqualTo("classpath:client.p12");
                    assertThat(options.getKeyStorePassword()).isEqualTo("change-me");
                    assertThat(options.getGroup()).isEqualTo("registry");
                    assertThat(options.getParallelism()).isEqualTo(4);
                    assertThat(options.getReconnectDelay()).isEqualTo(2000);
                    assertThat(options.getConfirmInterval()).isEqualTo(500);
                    assertThat(options.getStopTimeout()).isEqualTo(10_000);
                    assertThat(options.getTransport()).isEqualTo("longpolling");
                    assertThat(options.getTest()).isFalse();
                });
    }

    @Test
    void optionsLeftUnsetKeepTheComponentsDefaults() {
        application.run(context -> {
            MConnectEventsConfiguration options = component(context).getConfiguration();
            MConnectEventsConfiguration defaults = new MConnectEventsConfiguration();
            assertThat(options).usingRecursiveComparison().isEqualTo(defaults);
            assertThat(options.getEvents()).as("events/test/dead follow the channel unless set").isNull();
        });
    }

    @Test
    void environmentVariablesConfigureTheComponent() {
        application.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                                "CAMEL_COMPONENT_MCONNECTEVENTS_BASEADDRESS", "https://mconnect-events.gov.md:8443/",
                                "CAMEL_COMPONENT_MCONNECTEVENTS_KEYSTOREPASSWORD", "from-the-environment",
                                "CAMEL_COMPONENT_MCONNECTEVENTS_CONCURRENTCONSUMERS", "3"))))
                .run(context -> {
                    MConnectEventsConfiguration options = component(context).getConfiguration();
                    assertThat(options.getBaseAddress()).isEqualTo("https://mconnect-events.gov.md:8443/");
                    assertThat(options.getKeyStorePassword()).isEqualTo("from-the-environment");
                    assertThat(options.getConcurrentConsumers()).isEqualTo(3);
                });
    }

    @Test
    void objectOptionsNameBeansOfTheApplication() {
        SSLContextParameters tls = new SSLContextParameters();
        application.withBean("mconnectTls", SSLContextParameters.class, () -> tls)
                .withPropertyValues("camel.component.mconnect-events.ssl-context-parameters=#bean:mconnectTls")
                .run(context -> assertThat(component(context).getConfiguration().getSslContextParameters()).isSameAs(tls));
    }

    @Test
    void aBeanThatIsNotThereFailsTheStartNamingIt() {
        application.withPropertyValues("camel.component.mconnect-events.ssl-context-parameters=#missingTls")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("missingTls"));
    }

    @Test
    void theCustomizerCanBeSwitchedOff() {
        application.withPropertyValues("camel.component.mconnect-events.base-address=https://example.org/",
                        "camel.component.mconnect-events.customizer.enabled=false")
                .run(context -> assertThat(component(context).getConfiguration().getBaseAddress()).isNull());
    }

    @Test
    void secretsAreMaskedHoweverTheirNameIsWritten() {
        application.run(context -> {
            SanitizingFunction secrets = context.getBean("mconnectEventsSecrets", SanitizingFunction.class);
            assertThat(sanitized(secrets, "camel.component.mconnect-events.key-store-password")).isEqualTo("******");
            assertThat(sanitized(secrets, "CAMEL_COMPONENT_MCONNECTEVENTS_TRUSTSTOREPASSWORD")).isEqualTo("******");
            assertThat(sanitized(secrets, "camel.component.mconnect-events.privateKeyFile")).isEqualTo("******");
            assertThat(sanitized(secrets, "camel.component.mconnect-events.key-store")).isEqualTo("value");
            assertThat(sanitized(secrets, "camel.component.other.key-store-password")).isEqualTo("value");
        });
    }

    private static Object sanitized(SanitizingFunction function, String key) {
        return function.apply(new SanitizableData(null, key, "value")).getValue();
    }

    private static MConnectEventsComponent component(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        return context.getBean(CamelContext.class).getComponent("mconnect-events", MConnectEventsComponent.class);
    }
}
