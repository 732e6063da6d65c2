package org.mconnectevents.camel;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;
import org.mconnectevents.client.MConnectEventsRejectedException;
import org.mconnectevents.camel.support.EmulatorClients;

import javax.management.ObjectName;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;

/**
 * The counters an operator reads through Camel's management (JMX), one MBean per endpoint: events produced and
 * rejected by a producer endpoint, consumed and confirmed by a consumer endpoint, reported dead by the dead channel,
 * consumer sessions reopened after the service dropped them, and the days left on the client certificate.
 */
class ManagementTest extends EmulatorRouteTestSupport {

    private static final String PRODUCER = "mconnect-events:events";
    private static final String CONSUMER = "mconnect-events:events?group=jmx&confirmInterval=100&reconnectDelay=100";
    private static final String DEAD = "mconnect-events:dead";

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withJMX(true);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(CONSUMER).routeId("consume").errorHandler(deadLetterChannel(DEAD))
                        .filter(body().contains("broken")).throwException(IllegalArgumentException.class, "not an order").end()
                        .to("mock:consumed");
                from("direct:produce").routeId("produce").to(PRODUCER);
            }
        };
    }

    @Test
    void theEndpointsCountWhatTheyProducedRejectedConsumedConfirmedAndReportedDead() throws Exception {
        for (String order : new String[] {"{\"order\":1}", "{\"order\":2}", "{\"order\":3}", "{\"broken\":true}"}) {
            template.sendBodyAndHeaders("direct:produce", order, Map.of(MConnectEventsConstants.CLOUD_EVENT_SOURCE, SOURCE,
                    MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED));
        }
        assertThatThrownBy(() -> template.sendBodyAndHeaders("direct:produce", "{}", Map.of(
                MConnectEventsConstants.CLOUD_EVENT_SOURCE, SOURCE,
                MConnectEventsConstants.CLOUD_EVENT_TYPE, "MCE.Test.Order.Shipped")))
                .isInstanceOf(CamelExecutionException.class).hasCauseInstanceOf(MConnectEventsRejectedException.class);

        assertThat(attribute(PRODUCER, "ProducedCount")).isEqualTo(4L);
        assertThat(attribute(PRODUCER, "RejectedCount")).isEqualTo(1L);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(attribute(CONSUMER, "ConsumedCount")).isEqualTo(4L);
            assertThat(attribute(CONSUMER, "ConfirmedCount")).isEqualTo(4L);
            assertThat(attribute(DEAD, "DeadCount")).isEqualTo(1L);
        });
        assertThat(EMULATOR.emulator().state().path("clients").path(EmulatorClients.REGISTRY).path("groups").path("jmx")
                .path("confirmed").asLong()).isEqualTo(4);
        assertThat(EMULATOR.emulator().deadEvents(EmulatorClients.REGISTRY)).hasSize(1);
        assertThat(attribute(CONSUMER, "ReconnectCount")).isEqualTo(0L);
    }

    @Test
    void aSessionTheServiceDroppedCountsAsOneReconnection() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> jmxSessions() == 1);

        assertThat(EMULATOR.emulator().dropSessions()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(attribute(CONSUMER, "ReconnectCount")).isEqualTo(1L);
            assertThat(jmxSessions()).isEqualTo(1);
        });
    }

    @Test
    void certificateDaysLeftAreTheDaysUntilTheClientCertificateExpires() throws Exception {
        X509Certificate certificate = EmulatorClients.clientCertificate(EMULATOR.emulator(), EmulatorClients.REGISTRY);
        long daysLeft = Duration.between(Instant.now(), certificate.getNotAfter().toInstant()).toDays();

        assertThat(attribute(CONSUMER, "CertificateDaysLeft")).isEqualTo(daysLeft);
        assertThat(attribute(PRODUCER, "CertificateDaysLeft")).isEqualTo(daysLeft);
    }

    private Object attribute(String endpointUri, String attribute) throws Exception {
        ObjectName name = context.getManagementStrategy().getManagementObjectNameStrategy()
                .getObjectNameForEndpoint(context.getEndpoint(endpointUri));
        return context.getManagementStrategy().getManagementAgent().getMBeanServer().getAttribute(name, attribute);
    }

    private int jmxSessions() {
        return EMULATOR.emulator().state().path("clients").path(EmulatorClients.REGISTRY).path("groups").path("jmx")
                .path("sessions").asInt();
    }
}
