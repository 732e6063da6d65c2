package org.mconnectevents.camel;

import org.mconnectevents.client.ClientCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The operator's checklist asks for reminders before the client certificate expires: one WARN line a day once
 * inside the warning period, per certificate: the endpoints that use one certificate share its watch
 * ({@link CertificateWatches}). Guarded by its monitor.
 */
final class CertificateExpiryWatch implements MConnectEventsCertificate {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateExpiryWatch.class);

    private final ClientCertificate certificate;
    private final int warningDays;
    private final Clock clock;
    private Instant lastWarning;

    CertificateExpiryWatch(ClientCertificate certificate, int warningDays, Clock clock) {
        this.certificate = certificate;
        this.warningDays = warningDays;
        this.clock = clock;
    }

    ClientCertificate certificate() {
        return certificate;
    }

    int warningDays() {
        return warningDays;
    }

    boolean isExpired() {
        return clock.instant().isAfter(certificate.notAfter());
    }

    @Override
    public long daysLeft() {
        return certificate.daysLeft(clock.instant());
    }

    @Override
    public int reminderDays() {
        return warningDays;
    }

    @Override
    public int chainLength() {
        return certificate.chain().size();
    }

    @Override
    public String subject() {
        return certificate.subject();
    }

    @Override
    public String serialNumber() {
        return certificate.leaf().getSerialNumber().toString(16);
    }

    @Override
    public Instant notAfter() {
        return certificate.notAfter();
    }

    /** Logs the reminder when inside the warning period and none was logged in the last 24 hours; answers whether it did. */
    synchronized boolean logIfDue() {
        Instant now = clock.instant();
        long days = certificate.daysLeft(now);
        if (days >= warningDays || (lastWarning != null && Duration.between(lastWarning, now).toHours() < 24)) {
            return false;
        }
        lastWarning = now;
        if (days < 0) {
            LOG.warn("The MConnect Events client certificate '{}' expired on {}: the service refuses it. Renew it now.",
                    certificate.subject(), certificate.notAfter());
        } else {
            LOG.warn("The MConnect Events client certificate '{}' expires on {} ({} days left, warning from {} days): renew it"
                    + " and configure the new one before then.", certificate.subject(), certificate.notAfter(), days, warningDays);
        }
        return true;
    }
}
