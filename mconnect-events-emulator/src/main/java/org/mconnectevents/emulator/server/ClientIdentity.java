package org.mconnectevents.emulator.server;

import io.vertx.core.http.HttpServerRequest;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/** Who is calling: the common name of the client certificate presented in the TLS handshake. */
final class ClientIdentity {

    private ClientIdentity() {
    }

    /** The CN of the verified client certificate, or {@code null} when the client sent none. */
    static String commonName(HttpServerRequest request) {
        List<Certificate> chain;
        try {
            chain = request.connection().peerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
        if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)) {
            return null;
        }
        try {
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }
}
