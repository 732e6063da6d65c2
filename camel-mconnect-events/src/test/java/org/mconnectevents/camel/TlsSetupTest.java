package org.mconnectevents.camel;

import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.RegistryCamelTestSupport;
import org.mconnectevents.emulator.Emulator;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mconnectevents.camel.support.EmulatorClients.ORDER_CREATED;
import static org.mconnectevents.camel.support.EmulatorClients.SOURCE;

/**
 * Mutual TLS set-up: the same client produces and consumes with its certificate given as a PKCS12 key store, as PEM
 * files or as Camel SSLContextParameters; and a certificate the service would refuse (key store that does not open,
 * chain without the intermediate, expired, none at all) stops the route at start with a message that says what is
 * wrong and what to do, instead of failing handshakes later.
 */
class TlsSetupTest extends RegistryCamelTestSupport {


    @TempDir
    Path files;

    @Test
    void aPkcs12KeyStoreWithItsChainProducesAndConsumes() throws Exception {
        assertProducesAndConsumes();
    }

    @Test
    void pemFilesWithTheChainProduceAndConsume() throws Exception {
        Emulator emulator = EMULATOR.emulator();
        configuration.setKeyStore(null);
        configuration.setKeyStorePassword(null);
        configuration.setCertificateFile(emulator.certificates().clientCertificateFile(EmulatorClients.REGISTRY).toString());
        configuration.setPrivateKeyFile(emulator.certificates().clientPrivateKeyFile(EmulatorClients.REGISTRY).toString());

        assertProducesAndConsumes();
    }

    @Test
    void camelSslContextParametersProduceAndConsume() throws Exception {
        Emulator emulator = EMULATOR.emulator();
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setResource("file:" + emulator.clientKeyStore(EmulatorClients.REGISTRY));
        keyStore.setPassword(emulator.keyStorePassword());
        keyStore.setType("PKCS12");
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(keyStore);
        keyManagers.setKeyPassword(emulator.keyStorePassword());
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setResource("file:" + trustStoreWithTheEmulatorsRootCa("trust-password"));
        trustStore.setPassword("trust-password");
        trustStore.setType("PKCS12");
        TrustManagersParameters trustManagers = new TrustManagersParameters();
        trustManagers.setKeyStore(trustStore);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setKeyManagers(keyManagers);
        tls.setTrustManagers(trustManagers);
        configuration.setKeyStore(null);
        configuration.setKeyStorePassword(null);
        configuration.setTrustStore(null);
        configuration.setSslContextParameters(tls);

        assertProducesAndConsumes();
    }

    @Test
    void aWrongKeyStorePasswordStopsTheRouteAtStart() throws Exception {
        configuration.setKeyStorePassword("not-the-password");
        addConsumerRoute();

        assertThatThrownBy(context::start).isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll(
                "Cannot open the key store " + EMULATOR.emulator().clientKeyStore(EmulatorClients.REGISTRY),
                "keystore password was incorrect",
                "Check the file and its password (keyStorePassword) and type (keyStoreType).");
    }

    @Test
    void aKeyStoreWithoutTheIntermediateStopsTheRouteAtStart() throws Exception {
        Path withoutIntermediate = EMULATOR.emulator().certificates().clientKeyStoreWithoutIntermediate(EmulatorClients.REGISTRY);
        configuration.setKeyStore(withoutIntermediate.toString());
        addConsumerRoute();

        assertThatThrownBy(context::start).isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll(
                "The key store " + withoutIntermediate + " holds the client certificate 'CN=registry' without the intermediate"
                        + " CA certificate that issued it ('CN=MConnect Events Emulator Intermediate CA')",
                "MConnect Events requires the client to send its intermediate chain in the TLS handshake",
                "put the whole chain (client certificate, then intermediates) into the key store or certificate file");
    }

    @Test
    void aPemCertificateFileWithoutTheIntermediateStopsTheRouteAtStart() throws Exception {
        Emulator emulator = EMULATOR.emulator();
        String chain = Files.readString(emulator.certificates().clientCertificateFile(EmulatorClients.REGISTRY));
        String end = "-----END CERTIFICATE-----";
        Path leafOnly = Files.writeString(files.resolve("registry-leaf.crt"), chain.substring(0, chain.indexOf(end) + end.length()) + "\n");
        configuration.setKeyStore(null);
        configuration.setCertificateFile(leafOnly.toString());
        configuration.setPrivateKeyFile(emulator.certificates().clientPrivateKeyFile(EmulatorClients.REGISTRY).toString());
        addConsumerRoute();

        assertThatThrownBy(context::start).isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll(
                "The certificate file " + leafOnly + " holds the client certificate 'CN=registry' without the intermediate",
                "put the whole chain (client certificate, then intermediates) into the key store or certificate file");
    }

    @Test
    void anExpiredCertificateStopsAProducerRouteAtStart() throws Exception {
        Instant notAfter = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Path expired = EMULATOR.emulator().certificates().mintClient("expired-client", notAfter.minus(365, ChronoUnit.DAYS), notAfter);
        configuration.setKeyStore(expired.toString());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:orders").routeId("orders").to("mconnect-events:events");
            }
        });

        assertThatThrownBy(context::start).isInstanceOf(FailedToStartRouteException.class)
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessage("The client certificate 'CN=expired-client' expired on " + notAfter
                        + "; MConnect Events refuses it. Renew the certificate and configure the new one.");
    }

    @Test
    void noCertificateAtAllStopsTheRouteAtStartNamingTheWaysToGiveOne() throws Exception {
        configuration.setKeyStore(null);
        addConsumerRoute();

        assertThatThrownBy(context::start).isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll(
                "No client certificate is configured",
                "MConnect Events authenticates every client by its certificate (mutual TLS)",
                "set keyStore and keyStorePassword, or certificateFile and privateKeyFile, or sslContextParameters",
                "camel.component.mconnect-events.*");
    }

    private void addConsumerRoute() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=tls").routeId("consume").to("mock:consumed");
            }
        });
    }

    /** Produces one event and waits for the consumer route to receive it: both directions completed a handshake. */
    private void assertProducesAndConsumes() throws Exception {
        addConsumerRoute();
        context.start();
        MockEndpoint consumed = context.getEndpoint("mock:consumed", MockEndpoint.class);
        consumed.expectedBodiesReceived("{\"order\":42}");

        context.createProducerTemplate().sendBodyAndHeaders("mconnect-events:events", "{\"order\":42}", Map.of(
                MConnectEventsConstants.CLOUD_EVENT_ID, "order-42",
                MConnectEventsConstants.CLOUD_EVENT_SOURCE, SOURCE,
                MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED));

        MockEndpoint.assertIsSatisfied(context, 20, TimeUnit.SECONDS);
        assertThat(consumed.getExchanges().get(0).getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID)).isEqualTo("order-42");
    }

    /** A PKCS12 trust store holding only the emulator's root CA, as Camel's KeyStoreParameters read it. */
    private Path trustStoreWithTheEmulatorsRootCa(String password) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("mconnect-events-root-ca", EMULATOR.emulator().certificates().rootCertificate());
        Path file = files.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, password.toCharArray());
        }
        return file;
    }
}
