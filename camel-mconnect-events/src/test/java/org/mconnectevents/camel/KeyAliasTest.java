package org.mconnectevents.camel;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mconnectevents.client.MConnectEventsRejectedException;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.RegistryCamelTestSupport;
import org.mconnectevents.emulator.Emulator;

import java.io.InputStream;
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
 * A key store holding several keys, as during a certificate renewal: keyAlias chooses the key, and the certificate
 * checked at start (chain, dates) is the one sent in the handshake, which the service knows the client by. A key store
 * with several keys and no keyAlias, or a keyAlias the key store does not hold, stops the route at start.
 */
class KeyAliasTest extends RegistryCamelTestSupport {

    private static final String CONSUME = "mconnect-events:events?group=renewal&keyAlias=";

    @TempDir
    Path files;

    /** registry-current: the registry client; reader-current: the reader client; registry-expired: an expired one. */
    private Path severalKeys;

    @BeforeEach
    void aKeyStoreWithThreeKeys() throws Exception {
        Emulator emulator = EMULATOR.emulator();
        Instant expiredOn = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Path expired = emulator.certificates().mintClient("registry-expired", expiredOn.minus(365, ChronoUnit.DAYS), expiredOn);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        copyKey(emulator.clientKeyStore(EmulatorClients.REGISTRY), EmulatorClients.REGISTRY, store, "registry-current");
        copyKey(emulator.clientKeyStore("reader"), "reader", store, "reader-current");
        copyKey(expired, "registry-expired", store, "registry-expired");
        severalKeys = files.resolve("several-keys.p12");
        try (OutputStream out = Files.newOutputStream(severalKeys)) {
            store.store(out, emulator.keyStorePassword().toCharArray());
        }
        configuration.setKeyStore(severalKeys.toString());
    }

    @Test
    void theKeyChosenByKeyAliasIsCheckedAndSent() throws Exception {
        consumeWith("registry-current");
        context.start();
        MockEndpoint consumed = context.getEndpoint("mock:consumed", MockEndpoint.class);
        consumed.expectedBodiesReceived("{\"order\":1}");

        Exchange sent = produceWith("registry-current");

        assertThat(sent.getException()).isNull();
        MockEndpoint.assertIsSatisfied(context, 20, TimeUnit.SECONDS);
        assertThat(endpoint("registry-current").clientCertificate().subject()).isEqualTo("CN=registry");
        assertThat(EMULATOR.emulator().state().path("clients").path(EmulatorClients.REGISTRY).path("groups").has("renewal")).isTrue();
    }

    @Test
    void anotherAliasSendsThatKeyAndTheServiceKnowsTheClientByIt() throws Exception {
        context.start();

        Exchange sent = produceWith("reader-current");

        assertThat(endpoint("reader-current").clientCertificate().subject()).isEqualTo("CN=reader");
        assertThat(sent.getException()).isInstanceOfSatisfying(MConnectEventsRejectedException.class, refused -> {
            assertThat(refused.getStatus()).isEqualTo(401);
            assertThat(refused.getServerText()).contains("client reader is not allowed to produce type " + ORDER_CREATED);
        });
    }

    @Test
    void anExpiredCertificateUnderTheChosenAliasStopsTheRouteAtStart() throws Exception {
        consumeWith("registry-expired");

        assertThatThrownBy(context::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The client certificate 'CN=registry-expired' expired on");
    }

    @Test
    void anAliasTheKeyStoreDoesNotHoldStopsTheRouteAtStartNamingIt() throws Exception {
        consumeWith("registry-2027");

        assertThatThrownBy(context::start).isInstanceOf(IllegalArgumentException.class).hasMessage("The key store " + severalKeys
                + " holds no key under the alias 'registry-2027' (keyAlias). Its keys: reader-current, registry-current,"
                + " registry-expired. Set keyAlias to the one whose certificate MConnect Events knows this client by.");
    }

    @Test
    void severalKeysWithoutKeyAliasStopTheRouteAtStart() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=renewal").routeId("consume").to("mock:consumed");
            }
        });

        assertThatThrownBy(context::start).isInstanceOf(IllegalArgumentException.class).hasMessage("The key store " + severalKeys
                + " holds 3 keys (reader-current, registry-current, registry-expired) and the one sent in the TLS handshake"
                + " would be left to chance. Set keyAlias to the one whose certificate MConnect Events knows this client by.");
    }

    @Test
    void keyAliasWithPemFilesStopsTheRouteAtStart() throws Exception {
        Emulator emulator = EMULATOR.emulator();
        configuration.setKeyStore(null);
        configuration.setCertificateFile(emulator.certificates().clientCertificateFile(EmulatorClients.REGISTRY).toString());
        configuration.setPrivateKeyFile(emulator.certificates().clientPrivateKeyFile(EmulatorClients.REGISTRY).toString());
        consumeWith("registry-current");

        assertThatThrownBy(context::start).isInstanceOf(IllegalArgumentException.class).hasMessage("keyAlias 'registry-current'"
                + " chooses a key of keyStore, and the client's key comes from certificateFile: remove keyAlias, or give the"
                + " key store holding that key as keyStore.");
    }

    @Test
    void theCertAliasOfSslContextParametersChoosesTheKeySent() throws Exception {
        context.start();

        Exchange asReader = produceWith(sslContextParametersWithCertAlias("reader-current"), "reader");
        Exchange asRegistry = produceWith(sslContextParametersWithCertAlias("registry-current"), "registry");

        assertThat(asReader.getException()).isInstanceOfSatisfying(MConnectEventsRejectedException.class,
                refused -> assertThat(refused.getServerText()).contains("client reader is not allowed to produce"));
        assertThat(asRegistry.getException()).isNull();
        assertThat(context.getEndpoint("mconnect-events:events?sslContextParameters=#registry", MConnectEventsEndpoint.class)
                .clientCertificate().subject()).isEqualTo("CN=registry");
    }

    @Test
    void aCertAliasTheKeyManagersDoNotHoldStopsTheRouteAtStartNamingIt() throws Exception {
        context.getRegistry().bind("missing", sslContextParametersWithCertAlias("registry-2027"));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=renewal&sslContextParameters=#missing").routeId("consume").to("mock:consumed");
            }
        });

        assertThatThrownBy(context::start).isInstanceOf(IllegalArgumentException.class).hasMessage("The sslContextParameters"
                + " key managers hold no key under the alias 'registry-2027' (certAlias). Their keys: reader-current,"
                + " registry-current, registry-expired. Set certAlias to the one whose certificate MConnect Events knows this"
                + " client by.");
    }

    @Test
    void keyManagersOfSeveralKeysWithoutCertAliasStopTheRouteAtStart() throws Exception {
        context.getRegistry().bind("several", sslContextParametersWithCertAlias(null));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=renewal&sslContextParameters=#several").routeId("consume").to("mock:consumed");
            }
        });

        assertThatThrownBy(context::start).isInstanceOf(IllegalArgumentException.class).hasMessage("The sslContextParameters"
                + " key managers hold 3 keys (reader-current, registry-current, registry-expired) and the one sent in the TLS"
                + " handshake would be left to chance. Set certAlias to the one whose certificate MConnect Events knows this"
                + " client by.");
    }

    private SSLContextParameters sslContextParametersWithCertAlias(String alias) {
        String password = EMULATOR.emulator().keyStorePassword();
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setResource("file:" + severalKeys);
        keyStore.setPassword(password);
        keyStore.setType("PKCS12");
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(keyStore);
        keyManagers.setKeyPassword(password);
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setKeyManagers(keyManagers);
        parameters.setCertAlias(alias);
        return parameters;
    }

    private Exchange produceWith(SSLContextParameters parameters, String name) {
        context.getRegistry().bind(name, parameters);
        return context.createProducerTemplate().send("mconnect-events:events?sslContextParameters=#" + name, exchange -> {
            exchange.getMessage().setBody("{\"order\":2}");
            exchange.getMessage().setHeaders(Map.of(MConnectEventsConstants.CLOUD_EVENT_SOURCE, SOURCE,
                    MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED));
        });
    }

    private void consumeWith(String alias) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(CONSUME + alias).routeId("consume").to("mock:consumed");
            }
        });
    }

    private Exchange produceWith(String alias) {
        return context.createProducerTemplate().send("mconnect-events:events?keyAlias=" + alias, exchange -> {
            exchange.getMessage().setBody("{\"order\":1}");
            exchange.getMessage().setHeaders(Map.of(MConnectEventsConstants.CLOUD_EVENT_SOURCE, SOURCE,
                    MConnectEventsConstants.CLOUD_EVENT_TYPE, ORDER_CREATED));
        });
    }

    private MConnectEventsEndpoint endpoint(String alias) {
        return context.getEndpoint("mconnect-events:events?keyAlias=" + alias, MConnectEventsEndpoint.class);
    }

    private void copyKey(Path from, String alias, KeyStore to, String newAlias) throws Exception {
        char[] password = EMULATOR.emulator().keyStorePassword().toCharArray();
        KeyStore source = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(from)) {
            source.load(in, password);
        }
        KeyStore.ProtectionParameter protection = new KeyStore.PasswordProtection(password);
        to.setEntry(newAlias, source.getEntry(alias, protection), protection);
    }
}
