package org.mconnectevents.camel;

import org.apache.camel.util.URISupport;
import org.mconnectevents.client.ConfigurationErrorListener;
import org.mconnectevents.client.MConnectEventsConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the operator of a configuration error of an endpoint once, at ERROR, with what to fix: a consumer retries it
 * every reconnectMaxDelay and a producer meets it with every exchange, and an ERROR line at each would bury the rest
 * of the log. Once per problem (untrusted server certificate, host name mismatch, not authorized) for the life of the
 * endpoint; the consumer's WARN line of each attempt and its health check keep saying it meanwhile. Thread-safe.
 */
final class ConfigurationErrorLog implements ConfigurationErrorListener {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationErrorLog.class);

    private final String endpoint;
    private final Set<MConnectEventsConfigurationException.Problem> reported = ConcurrentHashMap.newKeySet();

    ConfigurationErrorLog(String endpointUri) {
        this.endpoint = URISupport.sanitizeUri(endpointUri);
    }

    @Override
    public void configurationError(MConnectEventsConfigurationException error) {
        if (reported.add(error.getProblem())) {
            LOG.error("Configuration error of {}, which retrying cannot fix (logged once for the endpoint): {}", endpoint,
                    error.getMessage());
        }
    }
}
