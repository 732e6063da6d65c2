package org.mconnectevents.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckAware;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mconnectevents.client.ClientCertificate;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.LogCapture;
import org.mconnectevents.emulator.Emulator;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health checks an operator watches, through Camel's health check registry (camel-health): a consumer is UP while
 * its session is connected and DOWN, with the cause, while it cannot reach the service; the client certificate check
 * reports the days left, warns inside certificateExpiryWarning and is DOWN once the certificate expired; and the
 * reminder before the certificate expires is one WARN line a day.
 */
class HealthCheckTest {

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withConfig(EmulatorClients.CONFIG);

    private CamelContext context;

    @AfterEach
    void stopCamel() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void theConsumerIsUpWhileConnectedAndDownWithTheCauseWhileTheServiceIsUnreachable(@TempDir Path certs) throws Exception {
        Emulator service = startEmulator(certs, 0);
        int port = service.port();
        try {
            context = startCamel(service, configuration -> { });
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("mconnect-events:events?group=health&reconnectDelay=100&reconnectMaxDelay=200").routeId("orders")
                            .to("mock:orders");
                }
            });
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(consumerHealth("orders").getState()).isEqualTo(HealthCheck.State.UP));

            service.close();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HealthCheck.Result health = consumerHealth("orders");
                assertThat(health.getState()).isEqualTo(HealthCheck.State.DOWN);
                assertThat(health.getMessage()).hasValueSatisfying(message -> assertThat(message)
                        .contains("is reconnecting", "Cannot open a WebSocket consumer session at wss://127.0.0.1:" + port));
                assertThat(health.getError()).isPresent();
            });

            service = startEmulator(certs, port);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(consumerHealth("orders").getState()).isEqualTo(HealthCheck.State.UP));
        } finally {
            service.close();
        }
    }

    @Test
    void theChecksAreReadinessOnlyWithIdsThatStayTheSameWhenTheApplicationStartsAgain() throws Exception {
        context = startCamel(EMULATOR.emulator(), configuration -> { });
        context.addRoutes(consumerAndProducerRoutes());
        Set<String> firstRun = ourChecks(HealthCheckHelper.invokeReadiness(context, "full"));
        context.stop();
        context = startCamel(EMULATOR.emulator(), configuration -> { });
        context.addRoutes(consumerAndProducerRoutes());
        Set<String> secondRun = ourChecks(HealthCheckHelper.invokeReadiness(context, "full"));

        assertThat(firstRun).containsExactlyInAnyOrder("consumer:orders", "mconnect-events-certificate:registry");
        assertThat(secondRun).isEqualTo(firstRun);
        assertThat(ourChecks(HealthCheckHelper.invokeLiveness(context, "full"))).as("a reconnect must not restart the pod").isEmpty();
        HealthCheck consumerCheck = ((HealthCheckAware) context.getRoute("orders").getConsumer()).getHealthCheck();
        assertThat(consumerCheck.getId()).isEqualTo("mconnect-events-consumer:orders");
        assertThat(consumerCheck.isReadiness()).isTrue();
        assertThat(consumerCheck.isLiveness()).isFalse();
    }

    @Test
    void aCheckIsLeftOutByItsIdThroughCamelsHealthCheckConfiguration() throws Exception {
        context = startCamel(EMULATOR.emulator(), configuration -> { });
        context.addRoutes(consumerAndProducerRoutes());
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);

        // what camel.health.exclude-pattern sets
        registry.setExcludePattern("mconnect-events-certificate:registry");
        assertThat(ourChecks(readiness())).containsExactly("consumer:orders");
        registry.setExcludePattern("consumer:orders");
        assertThat(ourChecks(readiness())).containsExactly("mconnect-events-certificate:registry");
        registry.setExcludePattern(null);
        registry.getCheck("mconnect-events-certificate:registry").orElseThrow().setEnabled(false);
        assertThat(certificateHealth().getMessage()).hasValue("Disabled");
    }

    @Test
    void threeEndpointsOnOneCertificateShareOneCheckAndLogTheExpiryReminderOnce() throws Exception {
        Instant notAfter = Instant.now().plus(10, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Path keyStore = EMULATOR.emulator().certificates().mintClient("shared", Instant.now().minus(1, ChronoUnit.HOURS), notAfter);

        try (LogCapture log = LogCapture.of(CertificateExpiryWatch.class)) {
            context = startCamel(EMULATOR.emulator(), configuration -> configuration.setKeyStore(keyStore.toString()));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:structured").to("mconnect-events:events");
                    from("direct:binary").to("mconnect-events:events?format=binary");
                    from("direct:test").to("mconnect-events:test");
                }
            });

            assertThat(log.messages(Level.WARN)).singleElement().asString().contains("'CN=shared'", "10 days left");
        }
        assertThat(ourChecks(readiness())).containsExactly("mconnect-events-certificate:shared");
    }

    @Test
    void theCertificateCheckIsUpWithTheDaysLeftUntilTheClientCertificateExpires() throws Exception {
        X509Certificate certificate = EmulatorClients.clientCertificate(EMULATOR.emulator(), EmulatorClients.REGISTRY);
        long daysLeft = Duration.between(Instant.now(), certificate.getNotAfter().toInstant()).toDays();

        context = startCamel(EMULATOR.emulator(), configuration -> { });
        context.addRoutes(producerRoute());

        HealthCheck.Result health = certificateHealth();
        assertThat(health.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(health.getMessage()).isEmpty();
        assertThat(health.getDetails())
                .containsEntry("certificate.subject", "CN=registry")
                .containsEntry("certificate.days.left", daysLeft)
                .containsEntry("certificate.not.after", certificate.getNotAfter().toInstant().toString())
                .containsEntry("certificate.expiry.warning", false);
    }

    @Test
    void aCertificateInsideTheWarningPeriodIsUpWithAReminderAndLogsItOnce() throws Exception {
        Instant notAfter = Instant.now().plus(10, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Path keyStore = EMULATOR.emulator().certificates().mintClient("renewal-due", Instant.now().minus(1, ChronoUnit.HOURS), notAfter);

        try (LogCapture log = LogCapture.of(CertificateExpiryWatch.class)) {
            context = startCamel(EMULATOR.emulator(), configuration -> configuration.setKeyStore(keyStore.toString()));
            context.addRoutes(producerRoute());

            assertThat(log.messages(Level.WARN)).singleElement().asString().contains("'CN=renewal-due'",
                    "expires on " + notAfter, "10 days left, warning from 30 days", "renew it and configure the new one");
        }
        HealthCheck.Result health = certificateHealth();
        assertThat(health.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(health.getMessage()).hasValue("The client certificate expires in 10 days (" + notAfter + "); renew it before then.");
        assertThat(health.getDetails()).containsEntry("certificate.days.left", 10L).containsEntry("certificate.expiry.warning", true);
    }

    @Test
    void theCertificateCheckGoesDownOnceTheCertificateExpires() throws Exception {
        Path keyStore = EMULATOR.emulator().certificates().clientKeyStoreFile("short-lived");
        context = startCamel(EMULATOR.emulator(), configuration -> configuration.setKeyStore(keyStore.toString()));
        // minted once Camel runs, so that its few seconds of validity are not spent starting Camel
        Instant notAfter = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        EMULATOR.emulator().certificates().mintClient("short-lived", Instant.now().minus(1, ChronoUnit.HOURS), notAfter);
        context.addRoutes(producerRoute());
        assertThat(certificateHealth().getState()).isEqualTo(HealthCheck.State.UP);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HealthCheck.Result health = certificateHealth();
            assertThat(health.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(health.getMessage()).hasValue("The client certificate 'CN=short-lived' expired on " + notAfter
                    + "; MConnect Events refuses it. Renew it.");
            assertThat(health.getDetails()).containsEntry("certificate.days.left", -1L);
        });
    }

    @Test
    void theExpiryReminderIsOneWarnLineADayFromTheWarningPeriodOn() throws Exception {
        ClientCertificate certificate = new ClientCertificate(List.of(
                EmulatorClients.clientCertificate(EMULATOR.emulator(), EmulatorClients.REGISTRY)));
        AdjustableClock clock = new AdjustableClock(certificate.notAfter().minus(31, ChronoUnit.DAYS));
        CertificateExpiryWatch watch = new CertificateExpiryWatch(certificate, 30, clock);

        try (LogCapture log = LogCapture.of(CertificateExpiryWatch.class)) {
            watch.logIfDue();
            assertThat(log.messages(Level.WARN)).as("31 days left, outside the warning period").isEmpty();

            clock.advance(Duration.ofDays(2));
            watch.logIfDue();
            clock.advance(Duration.ofHours(1));
            watch.logIfDue();
            clock.advance(Duration.ofHours(22).plusMinutes(59));
            watch.logIfDue();
            assertThat(log.messages(Level.WARN)).as("once within 24 hours").singleElement().asString()
                    .contains("'CN=registry'", "29 days left, warning from 30 days");

            clock.advance(Duration.ofMinutes(1));
            watch.logIfDue();
            clock.advance(Duration.ofDays(30));
            watch.logIfDue();
            assertThat(log.messages(Level.WARN)).hasSize(3);
            assertThat(log.messages(Level.WARN).get(1)).contains("28 days left");
            assertThat(log.messages(Level.WARN).get(2)).contains("'CN=registry' expired on " + certificate.notAfter(), "Renew it now");
        }
    }

    private static RouteBuilder producerRoute() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:orders").routeId("produce").to("mconnect-events:events");
            }
        };
    }

    /** A running Camel context using the emulator's registry client, with the component's options adjusted; no routes yet. */
    private static CamelContext startCamel(Emulator emulator, Consumer<MConnectEventsConfiguration> adjust) {
        CamelContext camel = new DefaultCamelContext();
        EmulatorClients.useClient(camel, emulator, EmulatorClients.REGISTRY);
        adjust.accept(camel.getComponent("mconnect-events", MConnectEventsComponent.class).getConfiguration());
        // what Camel Main does with camel.health.consumers-enabled=true (the default): route consumers have checks
        HealthCheckHelper.getHealthCheckRepository(camel, "consumers");
        camel.start();
        return camel;
    }

    /** Every readiness check with its details ("full": by default Camel shows only the first when all are UP). */
    private Collection<HealthCheck.Result> readiness() {
        return HealthCheckHelper.invokeReadiness(context, "full");
    }

    private HealthCheck.Result consumerHealth(String routeId) {
        return readiness().stream()
                .filter(result -> result.getCheck().getId().equals("consumer:" + routeId))
                .findFirst().orElseThrow(() -> new AssertionError("no health check for the consumer of route " + routeId));
    }

    /** The check of the one client certificate of the test. */
    private HealthCheck.Result certificateHealth() {
        return readiness().stream()
                .filter(result -> result.getCheck().getId().startsWith("mconnect-events-certificate:"))
                .findFirst().orElseThrow(() -> new AssertionError("no client certificate health check"));
    }

    /** The ids of the checks of the component among these results: the consumer of route orders, the certificates. */
    private static Set<String> ourChecks(Collection<HealthCheck.Result> results) {
        return results.stream().map(result -> result.getCheck().getId())
                .filter(id -> id.equals("consumer:orders") || id.startsWith("mconnect-events"))
                .collect(Collectors.toSet());
    }

    private static RouteBuilder consumerAndProducerRoutes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=health").routeId("orders").to("mock:orders");
                from("direct:orders").routeId("produce").to("mconnect-events:events");
            }
        };
    }

    private static Emulator startEmulator(Path certs, int port) {
        return Emulator.builder().configFile(EmulatorClients.CONFIG).certs(certs).port(port).start();
    }

    /** A clock the test moves forward by hand. */
    private static final class AdjustableClock extends Clock {
        private Instant now;

        AdjustableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the expiry watch reads instants only");
        }
    }
}
