package org.mconnectevents.client;

import java.net.URI;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.HashSet;
import java.util.Set;

import static org.mconnectevents.client.MConnectEventsConfigurationException.Problem.HOST_NAME_MISMATCH;
import static org.mconnectevents.client.MConnectEventsConfigurationException.Problem.NOT_AUTHORIZED;
import static org.mconnectevents.client.MConnectEventsConfigurationException.Problem.UNTRUSTED_SERVER_CERTIFICATE;

/**
 * Finds, in a failure to reach the service, a cause that retrying cannot fix, and says it where the operator looks.
 * Vert.x reports every failed TLS handshake as "Failed to create SSL connection"; the JDK's reason (a PKIX path that
 * could not be built, a host name the certificate does not name) is further down the cause chain, and it is that
 * reason which tells what to change.
 */
final class ConfigurationFailures {

    private ConfigurationFailures() {
    }

    /**
     * The configuration error behind {@code failure}, or null when retrying may help.
     *
     * @param doing what failed, for the message: "Cannot open a WebSocket consumer session at wss://..."
     */
    static MConnectEventsConfigurationException recognise(Throwable failure, String doing, ClientOptions options) {
        Set<Throwable> seen = new HashSet<>();
        String pkix = null;
        for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
            String message = current.getMessage() == null ? "" : current.getMessage();
            if (pkix == null && message.contains("PKIX path")) {
                pkix = message;
            }
            if (current instanceof CertPathBuilderException || current instanceof CertPathValidatorException) {
                return untrusted(failure, doing, options, pkix != null ? pkix : "PKIX path: " + message);
            }
            if (current instanceof CertificateException && (message.startsWith("No subject alternative")
                    || message.startsWith("No name matching"))) {
                return hostNameMismatch(failure, doing, options, message);
            }
        }
        return null;
    }

    /** A 401 answered to a request that opens a consumer session: the service does not know this client certificate. */
    static MConnectEventsConfigurationException notAuthorized(String doing, String serverText, ClientOptions options, Throwable cause) {
        return new MConnectEventsConfigurationException(NOT_AUTHORIZED, 401, doing + ": MConnect Events answered 401 not authorized"
                + (serverText == null || serverText.isBlank() ? "" : ": " + serverText.trim()) + ". The service does not know the"
                + " client certificate of the " + options.tls().description() + ", or does not allow it to consume: configure the"
                + " certificate registered for this environment of the service (staging and production have their own), or ask"
                + " the MConnect operator to register it.", cause);
    }

    private static MConnectEventsConfigurationException untrusted(Throwable failure, String doing, ClientOptions options,
                                                                  String reason) {
        return new MConnectEventsConfigurationException(UNTRUSTED_SERVER_CERTIFICATE, 0, doing + ": the server's certificate is"
                + " not trusted (" + reason + "). Nothing was sent. The client does not trust the CA that issued the certificate"
                + " of " + hostAndPort(options.baseAddress()) + ": configure trustStore (or the trust managers of"
                + " sslContextParameters) with that CA; for the emulator, its ca.crt.", failure);
    }

    private static MConnectEventsConfigurationException hostNameMismatch(Throwable failure, String doing, ClientOptions options,
                                                                         String reason) {
        URI base = options.baseAddress();
        return new MConnectEventsConfigurationException(HOST_NAME_MISMATCH, 0, doing + ": host name mismatch, the server's"
                + " certificate does not name " + base.getHost() + " (" + reason + "). Nothing was sent. Set baseAddress to a"
                + " host name the service's certificate is issued for, as its documentation gives it (such as"
                + " https://mconnect-events.staging.egov.md:8443/; for the emulator, localhost or 127.0.0.1).", failure);
    }

    private static String hostAndPort(URI address) {
        return address.getHost() + (address.getPort() < 0 ? "" : ":" + address.getPort());
    }
}
