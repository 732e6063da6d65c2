package org.mconnectevents.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.mconnectevents.client.ClientCertificate;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The client certificates the endpoints of a component use: one expiry watch and one health check per certificate,
 * however many endpoints use it, so that three endpoints on one certificate log one reminder a day, not three, and
 * show one check. The check is registered with the first endpoint that uses the certificate and unregistered with the
 * last; the component's observers are told at the same moments. Guarded by its monitor.
 */
final class CertificateWatches {

    static final String CHECK_ID_PREFIX = "mconnect-events-certificate:";

    private final Map<X509Certificate, Watched> watched = new HashMap<>();
    private final Observers observers;

    CertificateWatches(Observers observers) {
        this.observers = observers;
    }

    private static final class Watched {
        private final CertificateExpiryWatch watch;
        private final MConnectEventsHealthCheck.Certificate check;
        private int users;

        Watched(CertificateExpiryWatch watch, MConnectEventsHealthCheck.Certificate check) {
            this.watch = watch;
            this.check = check;
        }
    }

    /**
     * The watch of this certificate, shared with the other endpoints that use it. The first endpoint's
     * {@code warningDays} is the certificate's.
     */
    synchronized CertificateExpiryWatch use(CamelContext context, ClientCertificate certificate, int warningDays) {
        Watched entry = watched.get(certificate.leaf());
        if (entry == null) {
            CertificateExpiryWatch watch = new CertificateExpiryWatch(certificate, warningDays, Clock.systemUTC());
            entry = new Watched(watch, new MConnectEventsHealthCheck.Certificate(watch, checkId(certificate)));
            HealthCheckRegistry registry = HealthCheckRegistry.get(context);
            if (registry != null) {
                registry.register(entry.check);
            }
            watched.put(certificate.leaf(), entry);
            observers.tell(observer -> observer.certificateInUse(watch));
        }
        entry.users++;
        return entry.watch;
    }

    /** An endpoint that used the watch stopped: the last one takes the certificate's check away. */
    synchronized void release(CamelContext context, CertificateExpiryWatch watch) {
        Watched entry = watched.get(watch.certificate().leaf());
        if (entry == null || entry.watch != watch || --entry.users > 0) {
            return;
        }
        watched.remove(watch.certificate().leaf());
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        if (registry != null) {
            registry.unregister(entry.check);
        }
        observers.tell(observer -> observer.certificateReleased(watch));
    }

    /** The certificates in use now. */
    synchronized List<MConnectEventsCertificate> inUse() {
        return watched.values().stream().map(entry -> (MConnectEventsCertificate) entry.watch).toList();
    }

    /**
     * Named after the certificate's common name, which a renewed certificate keeps; the serial number is added only
     * when two certificates of one name are in use at once (one endpoint already on the renewed one, say).
     */
    private String checkId(ClientCertificate certificate) {
        String id = CHECK_ID_PREFIX + commonName(certificate.leaf()).replaceAll("[^A-Za-z0-9._-]+", "-");
        boolean taken = watched.values().stream().anyMatch(entry -> entry.check.getId().equals(id));
        return taken ? id + "-" + certificate.leaf().getSerialNumber().toString(16) : id;
    }

    private static String commonName(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().getName();
        try {
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            // an X.500 principal's RFC 2253 name is always a valid LDAP name; if not, the whole subject names the check
        }
        return subject;
    }
}
