package org.mconnectevents.camel;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

import java.util.Map;

/**
 * Health checks of the component, readiness and liveness, group {@code mconnect-events}: a consumer's sessions
 * (UP when every session is connected, DOWN while any is reconnecting, with the last error), and the client
 * certificate (days left; DOWN once expired, a warning detail inside certificateExpiryWarning).
 */
abstract class MConnectEventsHealthCheck implements HealthCheck {

    private final String id;
    private volatile boolean enabled = true;

    MConnectEventsHealthCheck(String id) {
        this.id = id;
    }

    @Override
    public String getGroup() {
        return "mconnect-events";
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this);
        check(builder);
        return builder.build();
    }

    abstract void check(HealthCheckResultBuilder builder);

    /** UP when every session of the consumer is connected. */
    static final class Consumer extends MConnectEventsHealthCheck {
        private final MConnectEventsConsumer consumer;

        Consumer(MConnectEventsConsumer consumer) {
            super("mconnect-events-consumer-" + consumer.getRouteId());
            this.consumer = consumer;
        }

        @Override
        void check(HealthCheckResultBuilder builder) {
            builder.detail("endpoint", consumer.getEndpoint().getEndpointUri());
            boolean allConnected = true;
            for (SessionRunner runner : consumer.runners()) {
                SessionRunner.State state = runner.state();
                builder.detail(runner.name(), state.name());
                if (state != SessionRunner.State.CONNECTED) {
                    allConnected = false;
                    Throwable error = runner.lastError();
                    if (error != null) {
                        builder.error(error);
                        builder.message(runner.name() + " is " + state.name().toLowerCase() + ": " + error.getMessage());
                    } else {
                        builder.message(runner.name() + " is " + state.name().toLowerCase());
                    }
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
    }

    /** The client certificate of an endpoint: UP with the days left, DOWN once expired. */
    static final class Certificate extends MConnectEventsHealthCheck {
        private final MConnectEventsEndpoint endpoint;

        Certificate(MConnectEventsEndpoint endpoint, String id) {
            super(id);
            this.endpoint = endpoint;
        }

        @Override
        void check(HealthCheckResultBuilder builder) {
            CertificateExpiryWatch watch = endpoint.certificateExpiryWatch();
            if (watch == null) {
                builder.unknown().message("no client certificate opened yet");
                return;
            }
            long days = watch.daysLeft();
            builder.detail("endpoint", endpoint.getEndpointUri())
                    .detail("certificate.subject", watch.certificate().subject())
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
