package org.mconnectevents.client;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The certificate chain a client sends: its own certificate first, then the intermediates. Knows the dates
 * the operator's checklist cares about (renew before it expires).
 */
public record ClientCertificate(List<X509Certificate> chain) {

    public ClientCertificate {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a client certificate chain holds at least the client's own certificate");
        }
    }

    /** The client's own certificate. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The subject of the client's own certificate, RFC 2253. */
    public String subject() {
        return leaf().getSubjectX500Principal().getName();
    }

    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    /** Whole days left until the certificate expires, negative once expired. */
    public long daysLeft(Instant now) {
        Duration left = Duration.between(now, notAfter());
        return left.isNegative() ? -1 - Duration.between(notAfter(), now).toDays() : left.toDays();
    }

    /**
     * Refuses a chain the service would refuse at this instant: a certificate of the chain expired or not yet valid.
     *
     * @throws IllegalArgumentException naming the certificate, the date and what to do
     */
    public void checkValidAt(Instant now) {
        for (X509Certificate certificate : chain) {
            String which = certificate == leaf() ? "client certificate" : "intermediate CA certificate";
            if (now.isAfter(certificate.getNotAfter().toInstant())) {
                throw new IllegalArgumentException("The " + which + " '" + certificate.getSubjectX500Principal().getName()
                        + "' expired on " + certificate.getNotAfter().toInstant()
                        + "; MConnect Events refuses it. Renew the certificate and configure the new one.");
            }
            if (now.isBefore(certificate.getNotBefore().toInstant())) {
                throw new IllegalArgumentException("The " + which + " '" + certificate.getSubjectX500Principal().getName()
                        + "' is not valid before " + certificate.getNotBefore().toInstant()
                        + "; check the machine's clock or the certificate.");
            }
        }
    }
}
