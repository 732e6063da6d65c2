package org.mconnectevents.camel;

import io.vertx.core.buffer.Buffer;
import org.apache.camel.CamelContext;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.jsse.BaseSSLContextParameters;
import org.apache.camel.support.jsse.JsseParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.mconnectevents.client.ClientTls;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509KeyManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the security options of an endpoint into the client's TLS material: Camel's SSLContextParameters, a key
 * store, or PEM files, plus an optional trust store. Files are read as given: a plain path is a file when it
 * exists, else a classpath resource; {@code classpath:}, {@code file:} and other Camel resource schemes work too.
 */
final class TlsMaterial {

    private final CamelContext camelContext;
    private final MConnectEventsConfiguration configuration;

    TlsMaterial(CamelContext camelContext, MConnectEventsConfiguration configuration) {
        this.camelContext = camelContext;
        this.configuration = configuration;
    }

    ClientTls clientTls() {
        return offered(trusted(keyMaterial()));
    }

    /**
     * The protocols and cipher suites sslContextParameters chooses (lists, filters, and the client parameters over
     * them), as Camel computes them for a client socket of its context (its SSL engines get the common and server
     * parameters, not the client ones); Vert.x's defaults when it names none.
     */
    private ClientTls offered(ClientTls tls) {
        SSLContextParameters parameters = configuration.getSslContextParameters();
        if (parameters == null || !choosesSuites(parameters) && !choosesSuites(parameters.getClientParameters())) {
            return tls;
        }
        // an unconnected socket: only asked what it would offer, then closed
        try (SSLSocket socket = (SSLSocket) parameters.createSSLContext(camelContext).getSocketFactory().createSocket()) {
            return tls.offering(List.of(socket.getEnabledProtocols()), List.of(socket.getEnabledCipherSuites()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Cannot apply the protocols and cipher suites of sslContextParameters: "
                    + e.getMessage(), e);
        }
    }

    private static boolean choosesSuites(BaseSSLContextParameters parameters) {
        return parameters != null && (parameters.getSecureSocketProtocols() != null || parameters.getSecureSocketProtocolsFilter() != null
                || parameters.getCipherSuites() != null || parameters.getCipherSuitesFilter() != null);
    }

    private ClientTls trusted(ClientTls tls) {
        SSLContextParameters parameters = configuration.getSslContextParameters();
        if (configuration.getTrustStore() != null) {
            Buffer trust = read(configuration.getTrustStore(), "trustStore");
            if (trust.toString(StandardCharsets.US_ASCII).stripLeading().startsWith("-----BEGIN")) {
                return tls.trustPem(trust);
            }
            return tls.trustStore(trust, configuration.getTrustStorePassword(), configuration.getTrustStoreType());
        }
        if (parameters != null && parameters.getTrustManagers() != null) {
            try {
                bindToCamel(parameters.getTrustManagers(), parameters.getTrustManagers().getKeyStore());
                TrustManager[] managers = parameters.getTrustManagers().createTrustManagers();
                if (managers.length > 0) {
                    return tls.trustManager(managers[0]);
                }
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalArgumentException("Cannot open the trust managers of sslContextParameters: " + e.getMessage(), e);
            }
        }
        return tls;
    }

    private ClientTls keyMaterial() {
        SSLContextParameters parameters = configuration.getSslContextParameters();
        String keyAlias = configuration.getKeyAlias();
        boolean keyManagers = parameters != null && parameters.getKeyManagers() != null;
        if (keyAlias != null && (keyManagers || configuration.getKeyStore() == null)) {
            throw new IllegalArgumentException("keyAlias '" + keyAlias + "' chooses a key of keyStore, and the client's key comes"
                    + " from " + (keyManagers ? "sslContextParameters" : "certificateFile") + ": remove keyAlias, or give the key"
                    + " store holding that key as keyStore.");
        }
        if (keyManagers) {
            return keyManagersOf(parameters);
        }
        if (configuration.getKeyStore() != null) {
            return ClientTls.keyStore(read(configuration.getKeyStore(), "keyStore"), configuration.getKeyStorePassword(),
                    configuration.getKeyStoreType(), keyAlias, configuration.getKeyStore());
        }
        if (configuration.getCertificateFile() != null && configuration.getPrivateKeyFile() != null) {
            return ClientTls.pem(read(configuration.getCertificateFile(), "certificateFile"),
                    read(configuration.getPrivateKeyFile(), "privateKeyFile"), configuration.getCertificateFile());
        }
        throw new IllegalArgumentException("No client certificate is configured. MConnect Events authenticates every client by"
                + " its certificate (mutual TLS): set keyStore and keyStorePassword, or certificateFile and privateKeyFile, or"
                + " sslContextParameters (on the endpoint, or once with camel.component.mconnect-events.*).");
    }

    /** The key of sslContextParameters' key managers: the one under its certAlias, or their only one. */
    private ClientTls keyManagersOf(SSLContextParameters parameters) {
        KeyManager[] managers;
        try {
            bindToCamel(parameters.getKeyManagers(), parameters.getKeyManagers().getKeyStore());
            managers = parameters.getKeyManagers().createKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Cannot open the key managers of sslContextParameters: " + e.getMessage()
                    + ". Check the key store, its password and type.", e);
        }
        X509KeyManager keyManager = Arrays.stream(managers).filter(X509KeyManager.class::isInstance)
                .map(X509KeyManager.class::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("sslContextParameters has no X.509 key manager"));
        String description = "sslContextParameters key managers";
        String certAlias = parameters.getCertAlias() == null ? null : camelContext.resolvePropertyPlaceholders(parameters.getCertAlias());
        return ClientTls.keyManager(keyManager, certAlias, "certAlias", description);
    }

    /**
     * As SSLContextParameters.createSSLContext does: the managers and their key store resolve files and placeholders
     * through this Camel context, so that parameters made without one (the usual way) work.
     */
    private void bindToCamel(JsseParameters managers, KeyStoreParameters keyStore) {
        managers.setCamelContext(camelContext);
        if (keyStore != null) {
            keyStore.setCamelContext(camelContext);
        }
    }

    private Buffer read(String location, String option) {
        try {
            if (!ResourceHelper.hasScheme(location) && Files.isRegularFile(Path.of(location))) {
                return Buffer.buffer(Files.readAllBytes(Path.of(location)));
            }
            try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(camelContext, location)) {
                return Buffer.buffer(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + option + " '" + location + "': " + e.getMessage(), e);
        }
    }
}
