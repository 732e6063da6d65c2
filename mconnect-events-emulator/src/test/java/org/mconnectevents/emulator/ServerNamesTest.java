package org.mconnectevents.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mconnectevents.emulator.support.TestClient;

import javax.net.ssl.SSLHandshakeException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The names the server certificate is minted for come from {@code serverNames}, so that the emulator can run as a
 * service in a container network or a CI service container and still pass a client's host-name check. Each name
 * becomes a DNS or an IP subject alternative name, as it reads.
 */
class ServerNamesTest {

    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;
    private static final String CLIENTS = """
            clients:
              - name: producer
                produces:
                  - type: EMU.Test.Thing.Happened
                    sources: [ "urn:emu:producer" ]
            """;

    @TempDir
    Path certs;

    @Test
    void theServerCertificateCarriesEachConfiguredNameAsADnsOrIpAlternativeName() throws Exception {
        try (Emulator emulator = start("serverNames: [ mconnect-emulator, localhost, 10.0.0.7, \"::1\" ]")) {
            assertThat(serverCertificate(emulator).getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                    List.of(DNS_NAME, "mconnect-emulator"), List.of(DNS_NAME, "localhost"),
                    List.of(IP_ADDRESS, "10.0.0.7"), List.of(IP_ADDRESS, "0:0:0:0:0:0:0:1"));
        }
    }

    @Test
    void aClientCheckingHostNamesAcceptsTheServerUnderAConfiguredName() {
        try (Emulator emulator = start("serverNames: [ mconnect-emulator, localhost ]")) {
            HttpResponse<String> response = settingsThrough(emulator, "localhost");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }

    @Test
    void aClientCheckingHostNamesRefusesTheServerUnderANameLeftOut() {
        try (Emulator emulator = start("serverNames: [ mconnect-emulator ]")) {
            assertThatThrownBy(() -> settingsThrough(emulator, "localhost"))
                    .hasCauseInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aServerCertificateMintedForOtherNamesIsMintedAgainForTheConfiguredOnes() throws Exception {
        try (Emulator first = start("serverNames: [ localhost ]")) {
            assertThat(serverCertificate(first).getSubjectAlternativeNames())
                    .containsExactly(List.of(DNS_NAME, "localhost"));
        }
        try (Emulator second = start("serverNames: [ mconnect-emulator ]")) {
            assertThat(serverCertificate(second).getSubjectAlternativeNames())
                    .containsExactly(List.of(DNS_NAME, "mconnect-emulator"));
        }
    }

    private Emulator start(String serverNames) {
        return Emulator.builder().configYaml(serverNames + "\n" + CLIENTS).certs(certs).start();
    }

    /** {@code GET /ce/tools/my-settings} with the JDK's client, which checks the server's name against the URL's. */
    private static HttpResponse<String> settingsThrough(Emulator emulator, String host) {
        TestClient client = TestClient.of(emulator, "producer");
        URI uri = URI.create("https://" + host + ":" + emulator.port() + "/ce/tools/my-settings");
        return client.send(client.request("ce/tools/my-settings").uri(uri).GET().build());
    }

    private static X509Certificate serverCertificate(Emulator emulator) throws Exception {
        char[] password = emulator.keyStorePassword().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(emulator.certificates().serverKeyStoreFile())) {
            store.load(in, password);
        }
        return (X509Certificate) store.getCertificate("server");
    }
}
