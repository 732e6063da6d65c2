package org.mconnectevents.camel;

import io.cloudevents.CloudEvent;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.mconnectevents.client.ClientCertificate;
import org.mconnectevents.client.ClientOptions;
import org.mconnectevents.client.EventRules;
import org.mconnectevents.client.MConnectEventsRejectedException;
import org.mconnectevents.client.MConnectEventsClient;
import org.mconnectevents.client.Redaction;
import org.mconnectevents.client.ServerClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Produce and consume events of MConnect Events, the event bus of Moldova's interoperability platform,
 * over mutual TLS: WebSocket (or long polling) consumers with confirmations, dead events and reconnection;
 * producers of single events and batches, test events and dead reports.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "mconnect-events", title = "MConnect Events", syntax = "mconnect-events:channel",
             category = { Category.MESSAGING, Category.CLOUD }, headersClass = MConnectEventsConstants.class)
@ManagedResource(description = "MConnect Events endpoint")
public class MConnectEventsEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    private static final Logger LOG = LoggerFactory.getLogger(MConnectEventsEndpoint.class);
    private static final long EXPIRY_CHECK_INTERVAL = 3_600_000;

    @UriPath(enums = "events,test,dead", description = "events: standard events (consume, produce); test: this client's test "
            + "events (consume, produce through the tool endpoint); dead: this client's dead events (consume), or report the "
            + "current exchange's event dead (produce).")
    @Metadata(required = true)
    private final MConnectEventsChannel channel;
    @UriParam
    private MConnectEventsConfiguration configuration;

    private final MConnectEventsMetrics metrics = new MConnectEventsMetrics();
    private final MConnectEventsProducedEvents producedEvents = new MConnectEventsProducedEvents();
    /** Guarded by this endpoint; made on first use by a producer or consumer, closed when the endpoint stops. */
    private MConnectEventsClient client;
    private ClientCertificate certificate;
    private CertificateExpiryWatch expiryWatch;
    private long expiryTimer = -1;
    private java.util.concurrent.ExecutorService continuations;
    private io.vertx.core.Vertx vertx;
    /** Set once a consumer was made on this endpoint: its transport decides the protocol shown as the service's. */
    private volatile boolean consuming;
    /** Set once a producer was made on this endpoint: the dev console lists its counters. */
    private volatile boolean producing;
    /** Set by an outbox relay that sends through this endpoint: the operator's checklist asks for one. */
    private volatile boolean outboxRelay;

    public MConnectEventsEndpoint(String uri, MConnectEventsComponent component, MConnectEventsChannel channel,
                                  MConnectEventsConfiguration configuration) {
        super(uri, component);
        this.channel = channel;
        this.configuration = configuration;
    }

    @Override
    public MConnectEventsComponent getComponent() {
        return (MConnectEventsComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() throws Exception {
        producing = true;
        return switch (channel) {
            case EVENTS, TEST -> new MConnectEventsProducer(this);
            case DEAD -> new MConnectEventsDeadProducer(this);
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        MConnectEventsConsumer consumer = new MConnectEventsConsumer(this, processor);
        consuming = true;
        configureConsumer(consumer);
        return consumer;
    }

    /**
     * The client of this endpoint, made and checked on first use: the configuration is validated, the TLS
     * material opened and the client certificate checked (chain, dates), each failure naming what to fix.
     */
    synchronized MConnectEventsClient client() {
        if (client == null) {
            ClientOptions options = clientOptions();
            vertx = getComponent().vertx();
            client = MConnectEventsClient.create(vertx, options, new ConfigurationErrorLog(getEndpointUri()));
            // shared with the other endpoints on this certificate: one reminder a day and one health check for all
            CertificateExpiryWatch watch = getComponent().certificateWatches().use(getCamelContext(), certificate,
                    configuration.getCertificateExpiryWarning());
            expiryWatch = watch;
            watch.logIfDue();
            // the reminder before the certificate expires: checked hourly, logged at most once a day
            expiryTimer = vertx.setPeriodic(EXPIRY_CHECK_INTERVAL, EXPIRY_CHECK_INTERVAL, timer -> watch.logIfDue());
        }
        return client;
    }

    private ClientOptions clientOptions() {
        String base = configuration.getBaseAddress();
        if (base == null || base.isBlank()) {
            throw new IllegalArgumentException("baseAddress is required for " + getEndpointUri() + ": set it on the endpoint or"
                    + " once with camel.component.mconnect-events.base-address, e.g. https://mconnect-events.staging.egov.md:8443/");
        }
        URI baseAddress;
        try {
            baseAddress = URI.create(base.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("baseAddress '" + base + "' of " + getEndpointUri() + " is not a URL: " + e.getMessage(), e);
        }
        requirePositive(configuration.getConnectTimeout(), "connectTimeout");
        requirePositive(configuration.getRequestTimeout(), "requestTimeout");
        requirePositive(configuration.getMaxConnections(), "maxConnections");
        var tls = new TlsMaterial(getCamelContext(), configuration).clientTls();
        ClientCertificate checked = tls.clientCertificate(getComponent().vertx(), configuration.isRequireIntermediates());
        checked.checkValidAt(Clock.systemUTC().instant());
        certificate = checked;
        return new ClientOptions(baseAddress, tls, Duration.ofMillis(configuration.getConnectTimeout()),
                Duration.ofMillis(configuration.getRequestTimeout()), configuration.getMaxConnections(), redaction());
    }

    /** Camel reads a number or duration it cannot parse (requestTimeout=abc) as 0, so 0 is refused with the option's name. */
    private void requirePositive(long value, String option) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be positive, not " + value + " (" + getEndpointUri() + ")");
        }
    }

    /**
     * Where a route goes on after an asynchronous produce or dead report: never on the Vert.x event loop that
     * completed it, since the next steps of a route (a database write, say) may block.
     */
    synchronized java.util.concurrent.Executor continuations() {
        if (continuations == null) {
            continuations = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this,
                    "MConnectEvents[" + channel.uriName() + "]");
        }
        return continuations;
    }

    /**
     * The event this endpoint's producer would send for the exchange (its body when that is a CloudEvent, else the body
     * as data with attributes from the headers and this endpoint's {@code source}/{@code type}), without sending it.
     * A missing id is generated and kept in the header, as the producer does; call {@link #eventTaken(Exchange)} once
     * the event is stored elsewhere (the outbox does).
     *
     * @throws MConnectEventsRejectedException naming the event and the rule, when an attribute is missing or wrong
     */
    public CloudEvent eventOf(Exchange exchange) {
        return ExchangeEvents.toCloudEvent(exchange, configuration);
    }

    /** Forgets the id generated for the exchange's event by {@link #eventOf(Exchange)}: the next event gets its own. */
    public void eventTaken(Exchange exchange) {
        ExchangeEvents.produced(exchange);
    }

    /** The rules checked before producing, with this endpoint's size limits. */
    public EventRules eventRules() {
        return new EventRules(configuration.getMaxEventSize(), configuration.getMaxRequestSize(), Clock.systemUTC());
    }

    /** What this endpoint's log lines and exception messages may say about an event (the option logEventData). */
    public Redaction redaction() {
        return Redaction.of(configuration.isLogEventData());
    }

    /** The client certificate, once a client was made; null before. */
    synchronized ClientCertificate clientCertificate() {
        return certificate;
    }

    synchronized CertificateExpiryWatch certificateExpiryWatch() {
        return expiryWatch;
    }

    MConnectEventsMetrics metrics() {
        return metrics;
    }

    /** Whether a producer was made on this endpoint. */
    public boolean hasProducer() {
        return producing;
    }

    /** Whether a consumer was made on this endpoint. */
    public boolean hasConsumer() {
        return consuming;
    }

    /** An outbox relay sends through this endpoint (the relay of {@code camel-mconnect-events-jpa} says so itself). */
    public void markOutboxRelay() {
        outboxRelay = true;
    }

    /** Whether an outbox relay sends through this endpoint. */
    public boolean hasOutboxRelay() {
        return outboxRelay;
    }

    /** What this endpoint's producers sent, as the operator's producer checklist looks at it. */
    public MConnectEventsProducedEvents getProducedEvents() {
        return producedEvents;
    }

    /** The client certificate in use, with its expiry reminder; null before the endpoint's first use. */
    public synchronized MConnectEventsCertificate getCertificate() {
        return expiryWatch;
    }

    /** The service's clock against this machine's, from the last answer; empty before any answer. */
    public synchronized Optional<ServerClock.Reading> getServiceClockReading() {
        return client == null ? Optional.empty() : client.serverClock().lastReading();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        MConnectEventsClient closing;
        synchronized (this) {
            closing = client;
            client = null;
            if (continuations != null) {
                getCamelContext().getExecutorServiceManager().shutdownGraceful(continuations);
                continuations = null;
            }
            if (expiryTimer >= 0) {
                vertx.cancelTimer(expiryTimer);
                expiryTimer = -1;
            }
            if (expiryWatch != null) {
                getComponent().certificateWatches().release(getCamelContext(), expiryWatch);
                expiryWatch = null;
            }
        }
        if (closing != null) {
            closing.close();
            LOG.debug("Closed the client of {}", getEndpointUri());
        }
    }

    /**
     * The service's host and port, from the base address (port 443 when it names none); null while no base address is
     * set. Camel's service registry, JBang and the dev console show it as where this endpoint talks.
     */
    @Override
    public String getServiceUrl() {
        String base = configuration.getBaseAddress();
        if (base == null || base.isBlank()) {
            return null;
        }
        try {
            URI address = URI.create(base.trim());
            return address.getHost() == null ? null : address.getHost() + ":" + (address.getPort() < 0 ? 443 : address.getPort());
        } catch (IllegalArgumentException notAUrl) {
            // a wrong base address is reported, naming the option, when the endpoint starts; the registry only shows none
            return null;
        }
    }

    /**
     * https for producers and long-polling consumers; wss once a WebSocket consumer was made on this endpoint (an
     * endpoint that both consumes and produces shows its consumer's protocol, the long-lived connection).
     */
    @Override
    public String getServiceProtocol() {
        return consuming && "websocket".equals(configuration.getTransport()) ? "wss" : "https";
    }

    /** The channel; for a consumer also its group and transport. Never event data nor a secret. */
    @Override
    public Map<String, String> getServiceMetadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("channel", channel.uriName());
        if (consuming) {
            if (configuration.getGroup() != null) {
                metadata.put("group", configuration.getGroup());
            }
            metadata.put("transport", configuration.getTransport());
        }
        return metadata;
    }

    public MConnectEventsChannel getChannel() {
        return channel;
    }

    public MConnectEventsConfiguration getConfiguration() {
        return configuration;
    }

    /** All options of this endpoint. */
    public void setConfiguration(MConnectEventsConfiguration configuration) {
        this.configuration = configuration;
    }

    @ManagedAttribute(description = "Events produced (accepted by the service)")
    public long getProducedCount() {
        return metrics.producedCount();
    }

    @ManagedAttribute(description = "Events refused: by the service (4xx) or by the checks before sending")
    public long getRejectedCount() {
        return metrics.rejectedCount();
    }

    @ManagedAttribute(description = "Produce requests sent (a batch, coalesced or not, is one; a refused batch halved is several)")
    public long getProduceRequestCount() {
        return metrics.produceRequestsCount();
    }

    @ManagedAttribute(description = "Events consumed (exchanges started)")
    public long getConsumedCount() {
        return metrics.consumedCount();
    }

    @ManagedAttribute(description = "Events confirmed to the service")
    public long getConfirmedCount() {
        return metrics.confirmedCount();
    }

    @ManagedAttribute(description = "Events reported dead")
    public long getDeadCount() {
        return metrics.deadCount();
    }

    @ManagedAttribute(description = "Consumer sessions opened again after one ended")
    public long getReconnectCount() {
        return metrics.reconnectsCount();
    }

    @ManagedAttribute(description = "Days until the client certificate expires (negative once expired; -2147483648 before first use)")
    public long getCertificateDaysLeft() {
        ClientCertificate current = clientCertificate();
        return current == null ? Integer.MIN_VALUE : current.daysLeft(Clock.systemUTC().instant());
    }
}
