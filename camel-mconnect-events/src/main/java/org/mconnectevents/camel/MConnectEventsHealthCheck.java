package org.mconnectevents.camel;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.mconnectevents.client.MConnectEventsConfigurationException;

import java.util.Map;

/**
 * Health checks of the component, group {@code mconnect-events}, built like camel-kafka's on Camel's
 * {@link AbstractHealthCheck} (so that they can be disabled, and count their failures, as Camel's own).
 * <p>
 * Readiness only, never liveness: a consumer that reconnects, or a certificate about to expire, must take the
 * application out of service, not get its pod restarted, which would not help and would stop what still works.
 * <p>
 * Their ids name what they check, so that they stay the same from one start to the next and
 * {@code camel.health.exclude-pattern} can name them: a consumer's check is asked by Camel's consumer check of its
 * route, {@code consumer:<routeId>}, and has the id {@code mconnect-events-consumer:<routeId>}; the check of a client
 * certificate, one however many endpoints use it, is {@code mconnect-events-certificate:<common name>}.
 */
abstract class MConnectEventsHealthCheck extends AbstractHealthCheck {

    static final String GROUP = "mconnect-events";

    MConnectEventsHealthCheck(String id) {
        super(GROUP, id);
    }

    @Override
    public boolean isReadiness() {
        return true;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    /** UP when every session of the consumer is connected; DOWN with the last error while one is not. */
    static final class Consumer extends MConnectEventsHealthCheck {
        private final MConnectEventsConsumer consumer;

        Consumer(MConnectEventsConsumer consumer) {
            super("mconnect-events-consumer:" + consumer.getRouteId());
            this.consumer = consumer;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            builder.detail("endpoint", consumer.getEndpoint().getEndpointUri());
            boolean allConnected = true;
            for (SessionRunner runner : consumer.runners()) {
                SessionRunner.State state = runner.state();
                builder.detail(runner.name(), state.name());
                if (state != SessionRunner.State.CONNECTED) {
                    allConnected = false;
                    describe(builder, runner.name() + " is " + state.name().toLowerCase(), runner.lastError());
                }
            }
            CertificateExpiryWatch watch = consumer.getEndpoint().certificateExpiryWatch();
            if (watch != null) {
                builder.detail("certificate.days.left", watch.daysLeft());
            }
            if (allConnected) {
                builder.up();
            } else {
                builder.down();
            }
        }

        /** The message names the cause, as the consumer's WARN line does: the error object alone is not shown everywhere. */
        private static void describe(HealthCheckResultBuilder builder, String session, Throwable error) {
            if (error == null) {
                builder.message(session);
                return;
            }
            builder.error(error);
            if (error instanceof MConnectEventsConfigurationException misconfigured) {
                builder.detail("configuration.error", misconfigured.getProblem().name());
            }
            builder.message(session + ": " + error.getMessage());
        }
    }

    /** A client certificate: UP with the days left, a reminder inside certificateExpiryWarning, DOWN once expired. */
    static final class Certificate extends MConnectEventsHealthCheck {
        private final CertificateExpiryWatch watch;

        Certificate(CertificateExpiryWatch watch, String id) {
            super(id);
            this.watch = watch;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            long days = watch.daysLeft();
            builder.detail("certificate.subject", watch.certificate().subject())
                    .detail("certificate.not.after", watch.certificate().notAfter().toString())
                    .detail("certificate.days.left", days)
                    .detail("certificate.expiry.warning", days < watch.warningDays());
            if (watch.isExpired()) {
                builder.down().message("The client certificate '" + watch.certificate().subject() + "' expired on "
                        + watch.certificate().notAfter() + "; MConnect Events refuses it. Renew it.");
            } else if (days < watch.warningDays()) {
                builder.up().message("The client certificate expires in " + days + " days (" + watch.certificate().notAfter()
                        + "); renew it before then.");
            } else {
                builder.up();
            }
        }
    }
}
