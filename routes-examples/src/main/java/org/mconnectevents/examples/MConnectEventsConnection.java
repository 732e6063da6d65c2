package org.mconnectevents.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.mconnectevents.camel.MConnectEventsComponent;
import org.mconnectevents.camel.MConnectEventsConfiguration;
import org.mconnectevents.emulator.Emulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points the mconnect-events component at the service the configuration names ({@code mconnect.base-address} and
 * the client key store {@code mconnect.key-store}), or, when none is named, at an emulator started in this JVM
 * with {@code example-emulator.yaml}, as its client {@value #EMULATED_CLIENT}.
 */
final class MConnectEventsConnection {

    /** The emulator's client the example runs as (it produces and consumes the shop's orders). */
    static final String EMULATED_CLIENT = "shop";
    private static final String EMULATOR_CONFIG = "example-emulator.yaml";
    private static final Logger LOG = LoggerFactory.getLogger(MConnectEventsConnection.class);

    private MConnectEventsConnection() {
    }

    /** Configures the component; returns the emulator it started, if it started one (the caller stops it). */
    static Optional<Emulator> connect(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        MConnectEventsConfiguration component = context.getComponent("mconnect-events", MConnectEventsComponent.class)
                .getConfiguration();
        Optional<String> baseAddress = properties.resolveProperty("mconnect.base-address").filter(s -> !s.isBlank());
        Optional<String> keyStore = properties.resolveProperty("mconnect.key-store").filter(s -> !s.isBlank());
        if (baseAddress.isPresent() != keyStore.isPresent()) {
            throw new IllegalStateException("To talk to MConnect Events set both mconnect.base-address and "
                    + "mconnect.key-store (or neither, to run against an emulator in this JVM); only "
                    + (baseAddress.isPresent() ? "the base address" : "the key store") + " is set.");
        }
        if (baseAddress.isPresent()) {
            component.setBaseAddress(baseAddress.get());
            component.setKeyStore(keyStore.get());
            component.setKeyStorePassword(properties.resolveProperty("mconnect.key-store-password").orElse(null));
            properties.resolveProperty("mconnect.trust-store").filter(s -> !s.isBlank()).ifPresent(component::setTrustStore);
            LOG.info("MConnect Events at {} (no emulator)", baseAddress.get());
            return Optional.empty();
        }
        Emulator emulator = Emulator.builder().configYaml(emulatorConfiguration()).start();
        component.setBaseAddress(emulator.baseAddress().toString());
        component.setKeyStore(emulator.clientKeyStore(EMULATED_CLIENT).toString());
        component.setKeyStorePassword(emulator.keyStorePassword());
        component.setTrustStore(emulator.trustedCertificate().toString());
        LOG.info("MConnect Events emulator started in this JVM at {} (admin API {})", emulator.baseAddress(),
                emulator.adminAddress());
        return Optional.of(emulator);
    }

    private static String emulatorConfiguration() {
        try (InputStream in = MConnectEventsConnection.class.getClassLoader().getResourceAsStream(EMULATOR_CONFIG)) {
            if (in == null) {
                throw new IllegalStateException(EMULATOR_CONFIG + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + EMULATOR_CONFIG, e);
        }
    }
}
