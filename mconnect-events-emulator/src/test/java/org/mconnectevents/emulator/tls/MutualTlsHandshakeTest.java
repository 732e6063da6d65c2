package org.mconnectevents.emulator.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mconnectevents.emulator.tls.CertificateReading.PASSWORD;
import static org.mconnectevents.emulator.tls.CertificateReading.openKeyStore;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the minted files work where they matter: in a mutual TLS handshake between the JDK's own TLS
 * server and client, each trusting only {@code ca.crt}.
 */
class MutualTlsHandshakeTest {

    private static final int TIMEOUT_MILLIS = 10_000;
    private static final byte HELLO = 42;

    @TempDir
    Path tempDir;

    private EmulatorCertificates certificates;
    private ExecutorService serverThread;

    @BeforeEach
    void mintCertificates() {
        certificates = EmulatorCertificates.loadOrMint(tempDir, List.of("alice"), PASSWORD);
        serverThread = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stopServerThread() {
        serverThread.shutdownNow();
    }

    @Test
    void aClientWithItsKeyStoreCompletesTheHandshakeAndTheServerSeesItsName() throws Exception {
        try (SSLServerSocket server = startServer()) {
            Future<String> clientSeenByServer = serverThread.submit(() -> acceptOneClient(server));

            int received = exchange(server.getLocalPort(), certificates.clientKeyStoreFile("alice"), "alice");

            assertThat(received).isEqualTo(HELLO);
            assertThat(clientSeenByServer.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("CN=alice");
        }
    }

    @Test
    void theServerRefusesAClientThatDoesNotSendItsIntermediate() throws Exception {
        Path noChain = certificates.clientKeyStoreWithoutIntermediate("alice");

        Throwable serverFailure = serverFailureFor(noChain, "alice");

        assertThat(serverFailure).isInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(CertPathBuilderException.class);
    }

    @Test
    void theServerRefusesAnExpiredClientCertificate() throws Exception {
        Instant now = Instant.now();
        Path expired = certificates.mintClient("alice", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));

        Throwable serverFailure = serverFailureFor(expired, "alice");

        assertThat(serverFailure).isInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(CertificateExpiredException.class);
    }

    /** Runs a handshake the server must refuse, checks the client is told, and returns the server's failure. */
    private Throwable serverFailureFor(Path clientKeyStore, String alias) throws Exception {
        try (SSLServerSocket server = startServer()) {
            Future<String> clientSeenByServer = serverThread.submit(() -> acceptOneClient(server));

            // With TLS 1.3 the client's own handshake ends before the server has judged its certificate,
            // so the refusal reaches the client as an alert on its first read.
            assertThatThrownBy(() -> exchange(server.getLocalPort(), clientKeyStore, alias))
                    .isInstanceOf(IOException.class);
            Throwable refusal = catchThrowable(() -> clientSeenByServer.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
            assertThat(refusal).as("the server's refusal").isInstanceOf(ExecutionException.class);
            return refusal.getCause();
        }
    }

    private SSLServerSocket startServer() throws IOException, GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(openKeyStore(certificates.serverKeyStoreFile(), PASSWORD), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustingOnlyTheRoot().getTrustManagers(), null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        server.setNeedClientAuth(true);
        server.setSoTimeout(TIMEOUT_MILLIS);
        return server;
    }

    /** Accepts one client, completes the handshake, greets it, and returns the client's subject name. */
    private static String acceptOneClient(SSLServerSocket server) throws IOException {
        try (SSLSocket socket = (SSLSocket) server.accept()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
            Principal client = socket.getSession().getPeerPrincipal();
            socket.getOutputStream().write(HELLO);
            socket.getOutputStream().flush();
            return client.getName();
        }
    }

    /** Connects as the client in the key store, checking the server's name too, and reads the greeting. */
    private int exchange(int port, Path clientKeyStore, String alias) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {offeringOnly(clientKeyStore, alias)},
                trustingOnlyTheRoot().getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket.getInputStream().read();
        }
    }

    private TrustManagerFactory trustingOnlyTheRoot() throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certificates.rootCertificateFile())) {
            trusted.setCertificateEntry("root", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trusted);
        return trustManagers;
    }

    private static X509ExtendedKeyManager offeringOnly(Path keyStore, String alias)
            throws IOException, GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(openKeyStore(keyStore, PASSWORD), PASSWORD);
        return new AlwaysOfferingKeyManager((X509KeyManager) keyManagers.getKeyManagers()[0], alias);
    }

    /**
     * Offers the key store's certificate whichever CAs the server names, as curl or OpenSSL given a
     * certificate file do. The JDK's own key manager would withhold a chain that does not reach those CAs,
     * and the server would then refuse an empty certificate rather than the incomplete chain under test.
     */
    private static final class AlwaysOfferingKeyManager extends X509ExtendedKeyManager {

        private final X509KeyManager keyStore;
        private final String alias;

        AlwaysOfferingKeyManager(X509KeyManager keyStore, String alias) {
            this.keyStore = keyStore;
            this.alias = alias;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return alias;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return alias;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {alias};
        }

        @Override
        public X509Certificate[] getCertificateChain(String requested) {
            return keyStore.getCertificateChain(requested);
        }

        @Override
        public PrivateKey getPrivateKey(String requested) {
            return keyStore.getPrivateKey(requested);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
