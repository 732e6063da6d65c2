package org.mconnectevents.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how a {@link MConnectEventsClient} talks to MConnect Events.
 *
 * @param baseAddress    the REST base address, {@code https://host:port/}; the WebSocket address is derived from it
 * @param tls            the client certificate (mutual TLS) and what to trust
 * @param connectTimeout how long to wait for a TCP and TLS connection
 * @param requestTimeout how long a request may wait for its answer (long polls add the poll time on top)
 * @param maxConnections HTTP connections kept open for producing
 * @param redaction      what the client's exception messages may say about an event (hiding its data by default)
 */
public record ClientOptions(URI baseAddress, ClientTls tls, Duration connectTimeout, Duration requestTimeout, int maxConnections,
                            Redaction redaction) {

    /** Options whose messages hide event data. */
    public ClientOptions(URI baseAddress, ClientTls tls, Duration connectTimeout, Duration requestTimeout, int maxConnections) {
        this(baseAddress, tls, connectTimeout, requestTimeout, maxConnections, Redaction.HIDING_EVENT_DATA);
    }

    public ClientOptions {
        Objects.requireNonNull(baseAddress, "baseAddress");
        Objects.requireNonNull(tls, "tls");
        if (!"https".equalsIgnoreCase(baseAddress.getScheme()) || baseAddress.getHost() == null) {
            throw new IllegalArgumentException("baseAddress must be an https URL such as https://mconnect-events.staging.egov.md:8443/"
                    + " (MConnect Events is served over HTTPS only), not '" + baseAddress + "'");
        }
        if (!baseAddress.getPath().endsWith("/")) {
            baseAddress = URI.create(baseAddress + "/");
        }
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(30) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(100) : requestTimeout;
        maxConnections = maxConnections <= 0 ? 8 : maxConnections;
        redaction = redaction == null ? Redaction.HIDING_EVENT_DATA : redaction;
    }

    /** The address of a path under the REST base, e.g. {@code ce/produce/events}. */
    public String rest(String path) {
        return baseAddress.resolve(path).toString();
    }

    /** The WebSocket address of a path under the base: same host and port, scheme {@code wss}. */
    public String webSocket(String path) {
        return "wss" + rest(path).substring("https".length());
    }
}
