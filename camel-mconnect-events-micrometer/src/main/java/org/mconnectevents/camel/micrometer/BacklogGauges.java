package org.mconnectevents.camel.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import org.mconnectevents.camel.MConnectEventsBacklog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import static org.mconnectevents.camel.micrometer.MConnectEventsMeters.PREFIX;

/**
 * The gauges of one backlog (an outbox), tagged with its name: rows pending, rows parked, and the age of the oldest
 * pending row. Measuring may query a database, so the three gauges of one scrape share one measurement: a measurement
 * younger than a second is reused. One that fails makes the three NaN until the next works. Guarded by its monitor.
 */
final class BacklogGauges {

    private static final Logger LOG = LoggerFactory.getLogger(BacklogGauges.class);
    private static final Duration REUSE = Duration.ofSeconds(1);

    private final MConnectEventsBacklog backlog;
    private final Clock clock;
    private final List<Meter> gauges;
    private Instant measuredAt;
    private MConnectEventsBacklog.Measurement last;

    BacklogGauges(MeterRegistry registry, MConnectEventsBacklog backlog, Clock clock) {
        this.backlog = backlog;
        this.clock = clock;
        Tags tags = Tags.of("outbox", backlog.name());
        gauges = List.of(
                gauge(registry, "outbox.pending", "Outbox rows waiting to be sent", tags, MConnectEventsBacklog.Measurement::pending),
                gauge(registry, "outbox.parked", "Outbox rows the service refused for good, waiting for an operator", tags,
                        MConnectEventsBacklog.Measurement::parked),
                TimeGauge.builder(PREFIX + "outbox.oldest.age", this, TimeUnit.SECONDS, gauges -> gauges.oldestAgeSeconds())
                        .description("How long the oldest outbox row waiting to be sent has waited (0 when none waits)")
                        .tags(tags).register(registry));
    }

    private Gauge gauge(MeterRegistry registry, String name, String description, Tags tags,
                        ToDoubleFunction<MConnectEventsBacklog.Measurement> figure) {
        return Gauge.builder(PREFIX + name, this, gauges -> gauges.figure(figure)).description(description).baseUnit("rows")
                .tags(tags).strongReference(true).register(registry);
    }

    private double figure(ToDoubleFunction<MConnectEventsBacklog.Measurement> figure) {
        MConnectEventsBacklog.Measurement measured = measurement();
        return measured == null ? Double.NaN : figure.applyAsDouble(measured);
    }

    private double oldestAgeSeconds() {
        MConnectEventsBacklog.Measurement measured = measurement();
        if (measured == null) {
            return Double.NaN;
        }
        if (measured.oldestPending() == null) {
            return 0;
        }
        Duration age = Duration.between(measured.oldestPending(), clock.instant());
        return age.isNegative() ? 0 : age.toMillis() / 1000.0;
    }

    private synchronized MConnectEventsBacklog.Measurement measurement() {
        Instant now = clock.instant();
        if (measuredAt != null && Duration.between(measuredAt, now).compareTo(REUSE) < 0) {
            return last;
        }
        measuredAt = now;
        try {
            last = backlog.measure();
        } catch (Exception e) {
            // a scrape must not fail for a database that is down: the gauges show NaN until it is back
            LOG.debug("Could not measure the backlog {}: {}", backlog.name(), e.toString());
            last = null;
        }
        return last;
    }

    void remove(MeterRegistry registry) {
        gauges.forEach(registry::remove);
    }
}
