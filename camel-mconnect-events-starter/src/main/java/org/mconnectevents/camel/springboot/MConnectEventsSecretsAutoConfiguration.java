package org.mconnectevents.camel.springboot;

import java.util.Locale;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Keeps the component's secrets (the options Camel's catalog marks {@code secret}: the key store and trust store
 * passwords, the private key file) masked in the actuator's {@code env} and {@code configprops} endpoints, even where
 * {@code management.endpoint.*.show-values} lets the other values through.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public class MConnectEventsSecretsAutoConfiguration {

    /** The secret options, in the canonical form of their property names. */
    static final Set<String> SECRETS = Set.of(MConnectEventsComponentConfiguration.PREFIX + ".key-store-password",
            MConnectEventsComponentConfiguration.PREFIX + ".trust-store-password",
            MConnectEventsComponentConfiguration.PREFIX + ".private-key-file");

    /** Masks a secret option however its name is written (kebab case, camel case, environment variable). */
    @Bean
    public SanitizingFunction mconnectEventsSecrets() {
        return data -> isSecret(data) ? data.withValue(SanitizableData.SANITIZED_VALUE) : data;
    }

    private static boolean isSecret(SanitizableData data) {
        String canonical = canonical(data.getKey());
        return SECRETS.stream().anyMatch(secret -> canonical.endsWith(canonical(secret)));
    }

    private static String canonical(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }
}
