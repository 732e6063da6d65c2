package org.mconnectevents.examples.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.mconnectevents.camel.MConnectEventsComponent;
import org.mconnectevents.camel.MConnectEventsConfiguration;
import org.mconnectevents.emulator.Emulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/**
 * When {@code camel.component.mconnect-events.base-address} is not set, an MConnect Events emulator is started in
 * this JVM ({@code example-emulator.yaml}) and the component is pointed at it, as the emulator's client
 * {@value #CLIENT}. Set the base address, the key store and its password to run against a real service instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${camel.component.mconnect-events.base-address:}'.isBlank()")
public class EmulatorConnection {

    /** The emulator's client the example runs as: it produces the registrations and consumes them. */
    public static final String CLIENT = "civil-registry";
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorConnection.class);

    @Bean(destroyMethod = "close")
    Emulator emulator() {
        Emulator emulator = Emulator.builder().configYaml(configuration()).start();
        LOG.info("MConnect Events emulator started in this JVM at {} (admin API {})", emulator.baseAddress(),
                emulator.adminAddress());
        return emulator;
    }

    /** Points the component at the emulator, after the starter copied the application's properties. */
    @Bean
    ComponentCustomizer emulatorAddress(Emulator emulator) {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                MConnectEventsConfiguration options = ((MConnectEventsComponent) target).getConfiguration();
                options.setBaseAddress(emulator.baseAddress().toString());
                options.setKeyStore(emulator.clientKeyStore(CLIENT).toString());
                options.setKeyStorePassword(emulator.keyStorePassword());
                options.setTrustStore(emulator.trustedCertificate().toString());
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return target instanceof MConnectEventsComponent;
            }

            @Override
            public int getOrder() {
                return LOWEST;
            }
        };
    }

    private static String configuration() {
        try (InputStream in = new ClassPathResource("example-emulator.yaml").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read example-emulator.yaml", e);
        }
    }
}
