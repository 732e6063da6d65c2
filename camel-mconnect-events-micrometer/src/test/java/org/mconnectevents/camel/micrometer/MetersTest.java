package org.mconnectevents.camel.micrometer;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.MConnectEventsBacklog;
import org.mconnectevents.camel.MConnectEventsComponent;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.client.MConnectEventsRejectedException;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * The component's Micrometer meters, on the MeterRegistry an application binds in the Camel registry, with nothing
 * else to do: the jar's plugin turns them on. Counters of producers (channel, route) and consumers (channel, group,
 * route), the age of consumed events, gauges of each session, the client certificate and an outbox's backlog.
 */
class MetersTest extends EmulatorRouteTestSupport {

    private static final String CONSUMER = "mconnect-events:events?group=metrics&confirmInterval=50&reconnectDelay=100";
    private static final Tags CONSUMER_TAGS = Tags.of("channel", "events", "group", "metrics", "route", "registrations");

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("metricsRegistry", meters);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(CONSUMER).routeId("registrations").errorHandler(deadLetterChannel("mconnect-events:dead"))
                        .filter(body().contains("broken")).throwException(IllegalArgumentException.class, "not an order").end()
                        .filter(body().contains("held")).process(exchange -> release.await(30, TimeUnit.SECONDS));
                from("direct:announce").routeId("announce").to("mconnect-events:events");
            }
        };
    }

    @AfterEach
    void releaseTheRoute() {
        release.countDown();
    }

    @Test
    void thePluginBindsTheMetersOnce() {
        assertThat(context.getRegistry().findByType(MConnectEventsMeters.class)).hasSize(1);
        assertThat(context.getRegistry().lookupByName(MConnectEventsMicrometerPlugin.BEAN)).isInstanceOf(MConnectEventsMeters.class);
    }

    @Test
    void producersCountWhatTheServiceStoredAndRefusedPerChannelAndRoute() {
        announce("{\"order\":1}", EmulatorClients.ORDER_CREATED);
        announce("{\"order\":2}", EmulatorClients.ORDER_CREATED);
        assertThatThrownBy(() -> announce("{}", "MCE.Test.Order.Shipped"))
                .isInstanceOf(CamelExecutionException.class).hasCauseInstanceOf(MConnectEventsRejectedException.class);
        OrderEvents.produce(template, OrderEvents.orders("batch-", 3, n -> null));

        Tags announce = Tags.of("channel", "events", "route", "announce");
        assertThat(meters.get("mconnect.events.produced").tags(announce).counter().count()).isEqualTo(2);
        assertThat(meters.get("mconnect.events.rejected").tags(announce).counter().count()).isEqualTo(1);
        // a ProducerTemplate's send comes from no route
        assertThat(meters.get("mconnect.events.produced").tags("channel", "events", "route", "").counter().count()).isEqualTo(3);
    }

    @Test
    void consumersCountWhatTheyConsumedConfirmedAndReportedDeadAndTimeHowOldEventsWere() {
        OffsetDateTime anHourAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        OrderEvents.produce(template, List.of(order("old-1", "{\"order\":1}", anHourAgo), order("old-2", "{\"order\":2}", anHourAgo),
                order("broken-1", "{\"broken\":true}", anHourAgo)));

        within(30).untilAsserted(() -> {
            assertThat(consumerCounter("consumed")).isEqualTo(3);
            assertThat(consumerCounter("confirmed")).isEqualTo(3);
            assertThat(consumerCounter("dead")).isEqualTo(1);
        });
        Timer age = meters.get("mconnect.events.consumed.age").tags(CONSUMER_TAGS).timer();
        assertThat(age.count()).isEqualTo(3);
        assertThat(age.max(TimeUnit.SECONDS)).isBetween(3600.0, 3600.0 + 600);
        assertThat(consumerCounter("reconnects")).isZero();
    }

    @Test
    void eachSessionShowsItsEventsInFlightAndItsConfirmationLag() {
        OrderEvents.produce(template, List.of(order("held-1", "{\"held\":1}", null), order("held-2", "{\"held\":2}", null)));

        within(30).untilAsserted(() -> {
            assertThat(sessionGauge("in.flight")).isEqualTo(2);
            assertThat(sessionGauge("confirmation.lag")).isEqualTo(2);
            assertThat(consumerGauge("lanes.busy")).isEqualTo(1);
            assertThat(consumerGauge("pending")).isEqualTo(2);
        });

        release.countDown();
        within(30).untilAsserted(() -> {
            assertThat(sessionGauge("in.flight")).isZero();
            assertThat(sessionGauge("confirmation.lag")).isZero();
            assertThat(consumerGauge("lanes.busy")).isZero();
        });
    }

    @Test
    void aSessionTheServiceDroppedCountsAsAReconnection() {
        within(20).until(() -> consumerGauge("sessions.connected") == 1);

        assertThat(EMULATOR.emulator().dropSessions()).isEqualTo(1);

        within(20).untilAsserted(() -> {
            assertThat(consumerCounter("reconnects")).isEqualTo(1);
            assertThat(consumerGauge("sessions.connected")).isEqualTo(1);
        });
    }

    @Test
    void theClientCertificateShowsItsDaysLeft() {
        X509Certificate certificate = EmulatorClients.clientCertificate(EMULATOR.emulator(), EmulatorClients.REGISTRY);
        long daysLeft = Duration.between(Instant.now(), certificate.getNotAfter().toInstant()).toDays();

        assertThat(meters.get("mconnect.events.certificate.days.left")
                .tags("certificate", certificate.getSubjectX500Principal().getName(),
                        "serial", certificate.getSerialNumber().toString(16))
                .gauge().value()).isEqualTo(daysLeft);
    }

    @Test
    void anOutboxShowsItsPendingAndParkedRowsAndTheAgeOfTheOldest() {
        Instant oldest = Instant.now().minusSeconds(120);
        context.getComponent("mconnect-events", MConnectEventsComponent.class).addBacklog(new MConnectEventsBacklog() {
            @Override
            public String name() {
                return "orders";
            }

            @Override
            public Measurement measure() {
                return new Measurement(12, 2, oldest);
            }
        });

        assertThat(meters.get("mconnect.events.outbox.pending").tag("outbox", "orders").gauge().value()).isEqualTo(12);
        assertThat(meters.get("mconnect.events.outbox.parked").tag("outbox", "orders").gauge().value()).isEqualTo(2);
        assertThat(meters.get("mconnect.events.outbox.oldest.age").tag("outbox", "orders").timeGauge().value(TimeUnit.SECONDS))
                .isBetween(120.0, 720.0);
    }

    @Test
    void anOutboxThatCannotBeMeasuredShowsNaNAndTheScrapeGoesOn() {
        context.getComponent("mconnect-events", MConnectEventsComponent.class).addBacklog(new MConnectEventsBacklog() {
            @Override
            public String name() {
                return "down";
            }

            @Override
            public Measurement measure() throws Exception {
                throw new java.sql.SQLTransientConnectionException("the database is down");
            }
        });

        assertThat(meters.get("mconnect.events.outbox.pending").tag("outbox", "down").gauge().value()).isNaN();
    }

    @Test
    void aStoppedConsumerTakesItsGaugesAwayAndKeepsItsCounters() throws Exception {
        OrderEvents.produce(template, List.of(order("one", "{\"order\":1}", null)));
        within(30).until(() -> consumerCounter("confirmed") == 1);

        context.getRouteController().stopRoute("registrations");

        assertThat(meters.find("mconnect.events.in.flight").tags(CONSUMER_TAGS).gauges()).isEmpty();
        assertThat(meters.find("mconnect.events.lanes.busy").tags(CONSUMER_TAGS).gauges()).isEmpty();
        assertThat(consumerCounter("consumed")).isEqualTo(1);
    }

    private void announce(String data, String type) {
        template.sendBodyAndHeaders("direct:announce", data, Map.of(MConnectEventsConstants.CLOUD_EVENT_SOURCE, EmulatorClients.SOURCE,
                MConnectEventsConstants.CLOUD_EVENT_TYPE, type));
    }

    private static CloudEvent order(String id, String data, OffsetDateTime time) {
        CloudEvent order = OrderEvents.orderCreated(id, null, data);
        return time == null ? order : CloudEventBuilder.from(order).withTime(time).build();
    }

    private double consumerCounter(String name) {
        return meters.get("mconnect.events." + name).tags(CONSUMER_TAGS).counter().count();
    }

    private double consumerGauge(String name) {
        return meters.get("mconnect.events." + name).tags(CONSUMER_TAGS).gauge().value();
    }

    private double sessionGauge(String name) {
        return meters.get("mconnect.events." + name).tags(CONSUMER_TAGS.and("session", "0")).gauge().value();
    }
}
