package org.mconnectevents.emulator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;
import org.mconnectevents.emulator.support.ClientTls;
import org.mconnectevents.emulator.support.CloudEventJson;
import org.mconnectevents.emulator.support.Produce;
import org.mconnectevents.emulator.support.TestClient;
import org.mconnectevents.emulator.support.UnconditionalKeyManager;
import org.mconnectevents.emulator.tls.EmulatorCertificates;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mconnectevents.emulator.support.CloudEventJson.event;

/**
 * Transport and identity (PROTOCOL.md): HTTPS only, TLS 1.2 or newer, HTTP/1.1 and HTTP/2, and a client
 * certificate sent with its intermediate CA, the server trusting the root CA only. Each refusal is shown as
 * the client experiences it.
 */
class MutualTlsTest {

    private static final String TYPE = "EMU.Test.Thing.Happened";
    private static final String SOURCE = "urn:emu:producer";
    private static final byte TLS_HANDSHAKE = 0x16;
    private static final byte TLS_ALERT = 0x15;
    private static final byte ALERT_PROTOCOL_VERSION = 70;

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withYaml("""
            maxRequestSize: 4096
            clients:
              - name: producer
                produces:
                  - type: EMU.Test.Thing.Happened
                    sources: [ "urn:emu:producer" ]
              - name: expired-producer
                produces:
                  - type: EMU.Test.Thing.Happened
                    sources: [ "urn:emu:producer" ]
            """);

    private Emulator emulator;

    @BeforeEach
    void startFromAnEmptyService() {
        emulator = EMULATOR.emulator();
        emulator.reset();
    }

    @Test
    void aClientPresentingItsCertificateWithTheIntermediateProduces() {
        HttpResponse<String> response = Produce.event(TestClient.of(emulator, "producer"), anEvent());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Test
    void aChainWithoutTheIntermediateIsRefusedInTheHandshake() {
        // presented whatever the server asks for, as curl or OpenSSL would send it
        Path withoutIntermediate = emulator.certificates().clientKeyStoreWithoutIntermediate("producer");
        HttpClient client = httpClient(UnconditionalKeyManager.presenting(withoutIntermediate, password(), "producer"),
                HttpClient.Version.HTTP_1_1, null);

        // the server cannot build a path from the leaf to its root CA: "Received fatal alert: certificate_unknown"
        assertThatThrownBy(() -> send(client, produceRequest()))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class);
        assertThat(produced()).isZero();
    }

    @Test
    void theJdkKeyManagerWithholdsAChainWithoutTheIntermediateSoTheServiceSeesNoCertificate() {
        // The server asks for a certificate issued under its root CA. The JDK's key manager finds that the leaf's
        // issuer (the intermediate) is not that CA and that no intermediate leads there, so it sends NO
        // certificate; the server, which requests rather than requires one, then answers 400.
        Path withoutIntermediate = emulator.certificates().clientKeyStoreWithoutIntermediate("producer");

        HttpResponse<String> response = Produce.event(TestClient.withKeyStore(emulator, withoutIntermediate),
                anEvent());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("no client certificate");
        assertThat(produced()).isZero();
    }

    @Test
    void aCertificateFromAnotherAuthorityIsRefusedEvenUnderARegisteredName(@TempDir Path elsewhere) {
        // the client's name is its certificate's CN: only the emulator's own CA may vouch for it
        EmulatorCertificates otherAuthority = EmulatorCertificates.loadOrMint(elsewhere, List.of("producer"),
                password());
        HttpClient impostor = httpClient(UnconditionalKeyManager.presenting(
                otherAuthority.clientKeyStoreFile("producer"), password(), "producer"),
                HttpClient.Version.HTTP_1_1, null);

        assertThatThrownBy(() -> send(impostor, produceRequest()))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class);
        assertThat(produced()).isZero();
    }

    @Test
    void aClientWithoutAnyCertificateGets400() {
        HttpResponse<String> response = Produce.event(TestClient.withKeyStore(emulator, null), anEvent());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).contains("no client certificate", "mutual TLS");
    }

    @Test
    void anExpiredClientCertificateFailsTheHandshake() {
        Instant now = Instant.now();
        Path expired = emulator.certificates().mintClient("expired-producer",
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
        TestClient client = TestClient.withKeyStore(emulator, expired);

        // With TLS 1.3 the client's side of the handshake completes before the server has judged its
        // certificate; the server's alert (certificate_unknown) then ends the exchange before any answer.
        assertThatThrownBy(() -> Produce.event(client, anEvent()))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class);
        assertThat(produced()).isZero();
    }

    @Test
    void tls1_2IsAccepted() {
        HttpResponse<String> response = send(httpClient(clientKeyManager(), HttpClient.Version.HTTP_1_1, "TLSv1.2"),
                produceRequest());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.sslSession()).hasValueSatisfying(
                session -> assertThat(session.getProtocol()).isEqualTo("TLSv1.2"));
    }

    @Test
    void tls1_3IsAccepted() {
        HttpResponse<String> response = send(httpClient(clientKeyManager(), HttpClient.Version.HTTP_1_1, "TLSv1.3"),
                produceRequest());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.sslSession()).hasValueSatisfying(
                session -> assertThat(session.getProtocol()).isEqualTo("TLSv1.3"));
    }

    @Test
    void tls1_1IsRefusedWithAProtocolVersionAlert() throws IOException {
        // The JDK's TLS client has TLS 1.1 disabled (jdk.tls.disabledAlgorithms) and would refuse on its own
        // side, proving nothing about the server; so the TLS 1.1 ClientHello is written by hand.
        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(tls1_1ClientHello());
            out.flush();

            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] record = new byte[7];
            in.readFully(record);

            assertThat(record[0]).as("record type: an alert, not a ServerHello").isEqualTo(TLS_ALERT)
                    .isNotEqualTo(TLS_HANDSHAKE);
            assertThat(record[5]).as("alert level fatal").isEqualTo((byte) 2);
            assertThat(record[6]).as("alert description").isEqualTo(ALERT_PROTOCOL_VERSION);
        }
    }

    @Test
    void http2IsSpokenForProduce() {
        HttpResponse<String> response = send(httpClient(clientKeyManager(), HttpClient.Version.HTTP_2, null),
                produceRequest());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(produced()).isEqualTo(1);
    }

    @Test
    void http2ErrorsArePlainTextAnswersToo() {
        HttpClient http2 = httpClient(clientKeyManager(), HttpClient.Version.HTTP_2, null);
        HttpRequest tooLarge = HttpRequest.newBuilder(emulator.baseAddress().resolve("ce/produce/event"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", Produce.STRUCTURED)
                .POST(HttpRequest.BodyPublishers.ofString(anEvent().data("\"" + "x".repeat(5000) + "\"").json()))
                .build();
        HttpRequest notAllowed = HttpRequest.newBuilder(emulator.baseAddress().resolve("ce/produce/event"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", Produce.STRUCTURED)
                .POST(HttpRequest.BodyPublishers.ofString(event("urn:emu:elsewhere", "h2", TYPE).json())).build();

        HttpResponse<String> tooLargeResponse = send(http2, tooLarge);
        HttpResponse<String> notAllowedResponse = send(http2, notAllowed);

        assertThat(tooLargeResponse.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(tooLargeResponse.statusCode()).isEqualTo(413);
        assertThat(tooLargeResponse.body()).contains("over the limit of 4096 bytes per request");
        assertThat(tooLargeResponse.headers().firstValue("Connection"))
                .as("HTTP/2 forbids connection headers; curl takes the answer for a protocol error").isEmpty();
        assertThat(notAllowedResponse.statusCode()).isEqualTo(401);
        assertThat(notAllowedResponse.body()).contains("id h2", "not allowed to use source urn:emu:elsewhere");
    }

    @Test
    void aClientWaitingFor100ContinueIsToldToSendItsBody() {
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpClient client = httpClient(clientKeyManager(), version, null);

            HttpResponse<String> response = send(client, HttpRequest.newBuilder(produceRequest(), (n, v) -> true)
                    .expectContinue(true).build());

            assertThat(response.statusCode()).as(version + ": " + response.body()).isEqualTo(202);
        }
        assertThat(produced()).isEqualTo(2);
    }

    private HttpRequest produceRequest() {
        return HttpRequest.newBuilder(emulator.baseAddress().resolve("ce/produce/event"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", Produce.STRUCTURED)
                .POST(HttpRequest.BodyPublishers.ofString(anEvent().json()))
                .build();
    }

    private static CloudEventJson anEvent() {
        return event(SOURCE, "tls-" + System.nanoTime(), TYPE);
    }

    private KeyManager clientKeyManager() {
        return UnconditionalKeyManager.presenting(emulator.clientKeyStore("producer"), password(), "producer");
    }

    /** A JDK client trusting the emulator's root CA; {@code protocol} null leaves the JDK's defaults. */
    private HttpClient httpClient(KeyManager keyManager, HttpClient.Version version, String protocol) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .sslContext(ClientTls.trustingOnly(emulator.trustedCertificate(), keyManager))
                .version(version)
                .connectTimeout(Duration.ofSeconds(10));
        if (protocol != null) {
            builder.sslParameters(new SSLParameters(null, new String[] {protocol}));
        }
        return builder.build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private char[] password() {
        return emulator.keyStorePassword().toCharArray();
    }

    private long produced() {
        return emulator.state().get("produced").asLong();
    }

    /**
     * A minimal TLS 1.1 ClientHello: client_version 3.2, two ECDHE/RSA CBC suites a TLS 1.1 server would take,
     * the P-256 group and uncompressed points.
     */
    private static byte[] tls1_1ClientHello() {
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        hello.writeBytes(new byte[] {0x03, 0x02});                        // client_version TLS 1.1
        hello.writeBytes(new byte[32]);                                    // random
        hello.write(0);                                                    // no session id
        hello.writeBytes(new byte[] {0x00, 0x04, (byte) 0xc0, 0x09, 0x00, 0x2f}); // cipher suites
        hello.writeBytes(new byte[] {0x01, 0x00});                        // null compression only
        byte[] extensions = {
                0x00, 0x0a, 0x00, 0x04, 0x00, 0x02, 0x00, 0x17,           // supported_groups: secp256r1
                0x00, 0x0b, 0x00, 0x02, 0x01, 0x00};                      // ec_point_formats: uncompressed
        hello.write(0);
        hello.write(extensions.length);
        hello.writeBytes(extensions);
        byte[] body = hello.toByteArray();

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(new byte[] {TLS_HANDSHAKE, 0x03, 0x01});       // record version as TLS 1.0 clients send
        int handshakeLength = body.length + 4;
        record.write(handshakeLength >> 8);
        record.write(handshakeLength & 0xff);
        record.write(0x01);                                                // ClientHello
        record.write(0);
        record.write(body.length >> 8);
        record.write(body.length & 0xff);
        record.writeBytes(body);
        return record.toByteArray();
    }
}
