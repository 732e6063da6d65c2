package org.mconnectevents.camel;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mconnectevents.client.MConnectEventsConfigurationException;
import org.mconnectevents.client.MConnectEventsRejectedException;
import org.mconnectevents.camel.support.LogCapture;
import org.mconnectevents.camel.support.LoopbackProxy;
import org.mconnectevents.camel.support.RegistryCamelTestSupport;
import org.mconnectevents.camel.support.RegistryConsumption;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mconnectevents.camel.MConnectEventsConstants.CLOUD_EVENT_ID;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;
import static org.mconnectevents.camel.support.Waiting.throughout;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * A failure that retrying cannot fix is a configuration error, not "the service is unavailable": a server certificate
 * the client does not trust, a base address whose host the server certificate does not name, a client certificate the
 * service does not know (401). Against the emulator with real TLS, each is a
 * {@link MConnectEventsConfigurationException} naming the cause and what to fix; it is logged at ERROR once, however
 * often it recurs; the consumer's WARN line and its health check name the cause; and the consumer retries at its
 * maximum delay, never at the base delay. A producer gets the same exception; a type it may not produce is refused
 * (401, not retried) and never reported dead.
 */
class ConfigurationErrorsTest extends RegistryCamelTestSupport {

    private static final Pattern RECONNECTING_IN = Pattern.compile("reconnecting in (\\d+) ms");
    private static final String UNTRUSTED = "the server's certificate is not trusted (PKIX path";
    private static final String PRODUCE_ORDERS = "mconnect-events:events?source=" + SOURCE + "&type=" + ORDER_CREATED;

    @BeforeEach
    void consumerHealthChecks() {
        // what Camel Main does with camel.health.consumers-enabled=true (the default)
        HealthCheckHelper.getHealthCheckRepository(context, "consumers");
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = { "websocket", "longpolling" })
    void aServerCertificateTheClientDoesNotTrustIsLoggedOnceAndRetriedAtTheMaximumDelay(String transport) throws Exception {
        configuration.setTrustStore(null); // the JVM's default trust, which does not hold the emulator's CA
        try (LogCapture sessions = LogCapture.of(SessionRunner.class);
             LogCapture errors = LogCapture.of(ConfigurationErrorLog.class)) {
            startConsumer("transport=" + transport + "&reconnectDelay=10&reconnectMaxDelay=400");

            within(20).until(() -> sessions.warnings().size() >= 3);
            assertEveryAttemptWaitedTheMaximumDelay(sessions.warnings(), 400, UNTRUSTED);
            assertThat(errors.messages(Level.ERROR)).singleElement().asString()
                    .contains(UNTRUSTED, "configure trustStore", "mconnect-events://events");
            assertConsumerDownWith(UNTRUSTED);
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = { "websocket", "longpolling" })
    void aBaseAddressWhoseHostTheServerCertificateDoesNotNameIsNotRetriedAtTheBaseDelay(String transport) throws Exception {
        // the emulator's certificate names localhost, 127.0.0.1 and ::1, not 127.0.0.2
        try (LoopbackProxy proxy = LoopbackProxy.on("127.0.0.2", EMULATOR.emulator().port());
             LogCapture sessions = LogCapture.of(SessionRunner.class);
             LogCapture errors = LogCapture.of(ConfigurationErrorLog.class)) {
            configuration.setBaseAddress(proxy.baseAddress().toString());
            startConsumer("transport=" + transport + "&reconnectDelay=10&reconnectMaxDelay=60000");

            within(20).until(() -> sessions.warnings().size() == 1);
            throughout(1000).until(() -> proxy.connectionsAccepted() == 1);
            assertEveryAttemptWaitedTheMaximumDelay(sessions.warnings(), 60000, "host name mismatch");
            assertThat(errors.messages(Level.ERROR)).singleElement().asString()
                    .contains("host name mismatch", "127.0.0.2", "baseAddress");
            assertConsumerDownWith("host name mismatch");
            context.getRouteController().stopRoute("consume"); // before the proxy goes
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = { "websocket", "longpolling" })
    void aClientCertificateTheServiceDoesNotKnowIsRefusedWith401AtSessionOpenLoggedOnceAndRetriedAtTheMaximumDelay(
            String transport) throws Exception {
        Path stranger = EMULATOR.emulator().certificates().mintClient("stranger", Instant.now().minus(1, ChronoUnit.HOURS),
                Instant.now().plus(365, ChronoUnit.DAYS));
        configuration.setKeyStore(stranger.toString());
        try (LogCapture sessions = LogCapture.of(SessionRunner.class);
             LogCapture errors = LogCapture.of(ConfigurationErrorLog.class)) {
            startConsumer("transport=" + transport + "&reconnectDelay=10&reconnectMaxDelay=400");

            within(20).until(() -> sessions.warnings().size() >= 3);
            assertEveryAttemptWaitedTheMaximumDelay(sessions.warnings(), 400, "401 not authorized");
            assertThat(errors.messages(Level.ERROR)).singleElement().asString()
                    .contains("401 not authorized", "client stranger is not registered with the service", stranger.toString());
            assertConsumerDownWith("client stranger is not registered with the service");
        }
    }

    @Test
    void aProducerThatDoesNotTrustTheServerCertificateFailsWithAConfigurationErrorLoggedOnce() throws Exception {
        configuration.setTrustStore(null);
        context.start();
        try (LogCapture errors = LogCapture.of(ConfigurationErrorLog.class)) {
            List<Exception> failures = List.of(produce("order-1").getException(), produce("order-2").getException());

            assertThat(failures).allSatisfy(failure -> assertThat(failure)
                    .isInstanceOfSatisfying(MConnectEventsConfigurationException.class, error -> {
                        assertThat(error.isRetryable()).isFalse();
                        assertThat(error.getMessage()).contains(UNTRUSTED, "configure trustStore");
                    }));
            assertThat(failures.get(0).getMessage()).contains("event (source=" + SOURCE + ", id=order-1)");
            assertThat(errors.messages(Level.ERROR)).singleElement().asString().contains(UNTRUSTED);
        }
    }

    @Test
    void aProducerWhoseBaseAddressTheServerCertificateDoesNotNameFailsWithAConfigurationError() throws Exception {
        try (LoopbackProxy proxy = LoopbackProxy.on("127.0.0.2", EMULATOR.emulator().port())) {
            configuration.setBaseAddress(proxy.baseAddress().toString());
            context.start();

            assertThat(produce("order-1").getException()).isInstanceOf(MConnectEventsConfigurationException.class)
                    .hasMessageContaining("host name mismatch");
            context.stop();
        }
    }

    @Test
    void aConsumedEventWhoseRouteProducesATypeTheClientMayNotProduceIsNeverReportedDeadAndComesAgain() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=forward&reconnectDelay=50").routeId("forward")
                        .errorHandler(deadLetterChannel("direct:dead"))
                        .to("mconnect-events:events?source=" + SOURCE + "&type=MCE.Test.Not.Allowed");
                from("direct:dead").routeId("dead")
                        .process(exchange -> failures.add(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)))
                        .to("mconnect-events:dead");
            }
        });
        context.start();

        produce("order-1");

        within(20).until(() -> failures.size() >= 2);
        assertThat(failures).allSatisfy(failure -> assertThat(failure)
                .isInstanceOfSatisfying(MConnectEventsRejectedException.class, refused -> {
                    assertThat(refused.getStatus()).isEqualTo(401);
                    assertThat(refused.isRetryable()).isFalse();
                    assertThat(refused.getServerText()).contains("not allowed to produce type MCE.Test.Not.Allowed");
                }));
        assertThat(RegistryConsumption.dead(EMULATOR.emulator()).path("reported").asLong()).isZero();
    }

    private void startConsumer(String options) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=misconfigured&" + options).routeId("consume").to("mock:consumed");
            }
        });
        context.start();
    }

    private Exchange produce(String id) {
        return context.createProducerTemplate().send(PRODUCE_ORDERS, exchange -> {
            exchange.getMessage().setBody("{\"order\":1}");
            exchange.getMessage().setHeader(CLOUD_EVENT_ID, id);
        });
    }

    /** Each failed attempt logged one WARN naming the cause, and waited half to all of reconnectMaxDelay (the jitter). */
    private static void assertEveryAttemptWaitedTheMaximumDelay(List<String> warnings, long maxDelay, String cause) {
        assertThat(warnings).allSatisfy(warning -> {
            assertThat(warning).contains(cause);
            Matcher delay = RECONNECTING_IN.matcher(warning);
            assertThat(delay.find()).as(warning).isTrue();
            assertThat(Long.parseLong(delay.group(1))).as(warning).isBetween(maxDelay / 2, maxDelay);
        });
    }

    private void assertConsumerDownWith(String cause) {
        HealthCheck.Result health = HealthCheckHelper.invokeReadiness(context, "full").stream()
                .filter(result -> result.getCheck().getId().equals("consumer:consume"))
                .findFirst().orElseThrow(() -> new AssertionError("no health check for the consumer of route consume"));
        assertThat(health.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(health.getMessage()).hasValueSatisfying(message -> assertThat(message).contains(cause));
        assertThat(health.getError()).hasValueSatisfying(error -> assertThat(error)
                .isInstanceOf(MConnectEventsConfigurationException.class));
    }
}
