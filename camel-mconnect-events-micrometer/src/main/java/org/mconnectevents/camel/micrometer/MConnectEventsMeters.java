package org.mconnectevents.camel.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.mconnectevents.camel.MConnectEventsBacklog;
import org.mconnectevents.camel.MConnectEventsCertificate;
import org.mconnectevents.camel.MConnectEventsConsumer;
import org.mconnectevents.camel.MConnectEventsEndpoint;
import org.mconnectevents.camel.MConnectEventsObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Micrometer meters of the {@code mconnect-events:} component, on the MeterRegistry of the Camel registry (the one
 * named {@code metricsRegistry}, else the only composite one, else the only one: Spring Boot's, Quarkus's, Camel Main's
 * {@code camel.metrics.*}). Without one it stays off, and says so once at INFO.
 * <p>
 * On Camel 4.15 or newer nothing is to be done but adding the jar ({@link MConnectEventsMicrometerPlugin} binds it). On
 * older Camel, bind one in the Camel registry before the context starts:
 * {@code context.getRegistry().bind("mconnect-events-meters", new MConnectEventsMeters())}.
 * <p>
 * Meters, all named {@code mconnect.events.*} and tagged with the endpoint's {@code channel}, the consumer's
 * {@code group} and the {@code route}, never with event data nor ids: see the component's documentation for the table.
 * Thread-safe: called by the component from its event loops and lanes.
 */
public class MConnectEventsMeters implements MConnectEventsObserver, CamelContextAware {

    /** The start of every meter's name. */
    public static final String PREFIX = "mconnect.events.";

    private static final Logger LOG = LoggerFactory.getLogger(MConnectEventsMeters.class);

    private CamelContext camelContext;
    /** Found on first need; written under this object's monitor, then only read. */
    private volatile MeterRegistry registry;
    /** Whether a lookup found none: events then do not look again, only starting consumers, certificates and backlogs. */
    private volatile boolean noneFound;
    private final Map<MConnectEventsConsumer, ConsumerMeters> consumers = new ConcurrentHashMap<>();
    private final Map<ProducerTags, ProducerMeters> producers = new ConcurrentHashMap<>();
    private final Map<MConnectEventsCertificate, Gauge> certificates = new ConcurrentHashMap<>();
    private final Map<MConnectEventsBacklog, BacklogGauges> backlogs = new ConcurrentHashMap<>();

    /** The tags of a producer's counters. */
    private record ProducerTags(String channel, String route) {
    }

    /** The counters of the producers of one channel in one route. */
    private record ProducerMeters(Counter produced, Counter rejected) {
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public void consumerStarted(MConnectEventsConsumer consumer) {
        MeterRegistry meters = registry(true);
        if (meters != null) {
            consumers.put(consumer, new ConsumerMeters(meters, consumer));
        }
    }

    @Override
    public void consumerStopped(MConnectEventsConsumer consumer) {
        ConsumerMeters meters = consumers.get(consumer);
        if (meters != null) {
            meters.removeGauges();
        }
    }

    @Override
    public void certificateInUse(MConnectEventsCertificate certificate) {
        MeterRegistry meters = registry(true);
        if (meters != null) {
            certificates.put(certificate, Gauge.builder(PREFIX + "certificate.days.left", certificate, MConnectEventsCertificate::daysLeft)
                    .description("Whole days until the client certificate expires; negative once it has").baseUnit("days")
                    .tags("certificate", certificate.subject(), "serial", certificate.serialNumber())
                    .strongReference(true).register(meters));
        }
    }

    @Override
    public void certificateReleased(MConnectEventsCertificate certificate) {
        Gauge gauge = certificates.remove(certificate);
        if (gauge != null) {
            registry.remove(gauge);
        }
    }

    @Override
    public void backlogAdded(MConnectEventsBacklog backlog) {
        MeterRegistry meters = registry(true);
        if (meters != null) {
            backlogs.put(backlog, new BacklogGauges(meters, backlog, Clock.systemUTC()));
        }
    }

    @Override
    public void backlogRemoved(MConnectEventsBacklog backlog) {
        BacklogGauges gauges = backlogs.remove(backlog);
        if (gauges != null) {
            gauges.remove(registry);
        }
    }

    @Override
    public void produced(MConnectEventsEndpoint endpoint, String routeId, int events) {
        ProducerMeters meters = producerMeters(endpoint, routeId);
        if (meters != null) {
            meters.produced().increment(events);
        }
    }

    @Override
    public void rejected(MConnectEventsEndpoint endpoint, String routeId, int events) {
        ProducerMeters meters = producerMeters(endpoint, routeId);
        if (meters != null) {
            meters.rejected().increment(events);
        }
    }

    @Override
    public void consumed(MConnectEventsConsumer consumer, Duration sinceEventTime) {
        ConsumerMeters meters = consumers.get(consumer);
        if (meters != null) {
            meters.consumed(sinceEventTime);
        }
    }

    @Override
    public void confirmed(MConnectEventsConsumer consumer, int events) {
        ConsumerMeters meters = consumers.get(consumer);
        if (meters != null) {
            meters.confirmed(events);
        }
    }

    @Override
    public void reportedDead(MConnectEventsConsumer consumer) {
        ConsumerMeters meters = consumers.get(consumer);
        if (meters != null) {
            meters.reportedDead();
        }
    }

    @Override
    public void reconnected(MConnectEventsConsumer consumer) {
        ConsumerMeters meters = consumers.get(consumer);
        if (meters != null) {
            meters.reconnected();
        }
    }

    /** The counters of the endpoint's channel in the route (empty when the events were not sent from a route). */
    private ProducerMeters producerMeters(MConnectEventsEndpoint endpoint, String routeId) {
        MeterRegistry meters = registry(false);
        if (meters == null) {
            return null;
        }
        ProducerTags key = new ProducerTags(endpoint.getChannel().uriName(), routeId == null ? "" : routeId);
        return producers.computeIfAbsent(key, tags -> {
            Tags producerTags = Tags.of("channel", tags.channel(), "route", tags.route());
            return new ProducerMeters(
                    Counter.builder(PREFIX + "produced").description("Events the service stored").baseUnit("events")
                            .tags(producerTags).register(meters),
                    Counter.builder(PREFIX + "rejected").description("Events refused for good, by the service (4xx) or before sending")
                            .baseUnit("events").tags(producerTags).register(meters));
        });
    }

    /**
     * The MeterRegistry, kept once found; null while there is none. Looked up on first need, and again only when
     * {@code mayLookAgain} (a consumer, certificate or backlog comes), never for every event.
     */
    private MeterRegistry registry(boolean mayLookAgain) {
        MeterRegistry found = registry;
        if (found != null || (noneFound && !mayLookAgain) || camelContext == null) {
            return found;
        }
        synchronized (this) {
            if (registry == null) {
                registry = MeterRegistryLookup.find(camelContext.getRegistry());
                if (registry == null && !noneFound) {
                    LOG.info("No MeterRegistry in the Camel registry (or several, none named {}): the MConnect Events meters"
                            + " are off", MeterRegistryLookup.NAME);
                }
                noneFound = registry == null;
            }
            return registry;
        }
    }

    @Override
    public String toString() {
        return "MConnect Events meters";
    }
}
