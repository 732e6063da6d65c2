package org.mconnectevents.camel.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.mconnectevents.camel.MConnectEventsConsumer;
import org.mconnectevents.camel.MConnectEventsSessionStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import static org.mconnectevents.camel.micrometer.MConnectEventsMeters.PREFIX;

/**
 * The meters of one consumer, tagged with its channel, group and route: counters and the age timer, which stay in the
 * registry for good (a restarted route counts on), and gauges of its sessions and lanes, which read the consumer while
 * it runs and are removed when it stops. Thread-safe: the counters and the timer are Micrometer's.
 */
final class ConsumerMeters {

    private final MeterRegistry registry;
    private final Counter consumed;
    private final Counter confirmed;
    private final Counter dead;
    private final Counter reconnects;
    private final Timer age;
    /** Changed by the consumer's start and stop only, one at a time (Camel's lifecycle). */
    private final List<Meter> gauges = new ArrayList<>();

    ConsumerMeters(MeterRegistry registry, MConnectEventsConsumer consumer) {
        this.registry = registry;
        Tags tags = tagsOf(consumer);
        consumed = counter("consumed", "Events the consumer handed to its route", tags);
        confirmed = counter("confirmed", "Events whose confirmation the service acknowledged", tags);
        dead = counter("dead", "Events of the consumer reported dead", tags);
        reconnects = counter("reconnects", "Sessions opened again after the last one ended", tags);
        age = Timer.builder(PREFIX + "consumed.age")
                .description("Time from an event's time attribute to the moment the consumer hands it to its route")
                .tags(tags).register(registry);
        addGauges(consumer, tags);
    }

    static Tags tagsOf(MConnectEventsConsumer consumer) {
        return Tags.of("channel", consumer.getEndpoint().getChannel().uriName(), "group", consumer.getGroup(),
                "route", String.valueOf(consumer.getRouteId()));
    }

    private Counter counter(String name, String description, Tags tags) {
        return Counter.builder(PREFIX + name).description(description).baseUnit("events").tags(tags).register(registry);
    }

    private void addGauges(MConnectEventsConsumer consumer, Tags tags) {
        gauge("lanes.busy", "Lanes processing an event now", tags, consumer, MConnectEventsConsumer::getLanesBusy);
        gauge("pending", "Events handed to the lanes and not done with", tags, consumer, MConnectEventsConsumer::getPendingExchangesSize);
        gauge("sessions.connected", "Sessions connected to the service", tags, consumer,
                c -> c.getSessionStatus().stream().filter(session -> "CONNECTED".equals(session.state())).count());
        int sessions = consumer.getEndpoint().getConfiguration().getConcurrentConsumers();
        for (int index = 0; index < sessions; index++) {
            Tags sessionTags = tags.and("session", String.valueOf(index));
            int session = index;
            gauge("in.flight", "Events the session delivered and that are not finished", sessionTags, consumer,
                    c -> session(c, session, MConnectEventsSessionStatus::inFlight));
            gauge("confirmation.lag", "Events the session delivered that no acknowledged confirmation covers yet", sessionTags,
                    consumer, c -> session(c, session, MConnectEventsSessionStatus::confirmationLag));
        }
    }

    private void gauge(String name, String description, Tags tags, MConnectEventsConsumer consumer,
                       ToDoubleFunction<MConnectEventsConsumer> value) {
        gauges.add(Gauge.builder(PREFIX + name, consumer, value).description(description).tags(tags).strongReference(true)
                .register(registry));
    }

    /** A figure of one session, NaN while the consumer has no such session (stopped). */
    private static double session(MConnectEventsConsumer consumer, int index, ToDoubleFunction<MConnectEventsSessionStatus> figure) {
        List<MConnectEventsSessionStatus> sessions = consumer.getSessionStatus();
        return index < sessions.size() ? figure.applyAsDouble(sessions.get(index)) : Double.NaN;
    }

    void consumed(Duration sinceEventTime) {
        consumed.increment();
        if (sinceEventTime != null) {
            age.record(sinceEventTime);
        }
    }

    void confirmed(int events) {
        confirmed.increment(events);
    }

    void reportedDead() {
        dead.increment();
    }

    void reconnected() {
        reconnects.increment();
    }

    /** The consumer stopped: its gauges go, its counters stay. */
    void removeGauges() {
        gauges.forEach(registry::remove);
        gauges.clear();
    }
}
