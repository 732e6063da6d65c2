package org.mconnectevents.emulator.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mconnectevents.emulator.tls.CertificateReading.PASSWORD;
import static org.mconnectevents.emulator.tls.CertificateReading.authorityKeyIdentifier;
import static org.mconnectevents.emulator.tls.CertificateReading.commonName;
import static org.mconnectevents.emulator.tls.CertificateReading.keyStoreChain;
import static org.mconnectevents.emulator.tls.CertificateReading.keyUsages;
import static org.mconnectevents.emulator.tls.CertificateReading.openKeyStore;
import static org.mconnectevents.emulator.tls.CertificateReading.pemBody;
import static org.mconnectevents.emulator.tls.CertificateReading.readCertificates;
import static org.mconnectevents.emulator.tls.CertificateReading.signsFor;
import static org.mconnectevents.emulator.tls.CertificateReading.subjectKeyIdentifier;
import static org.mconnectevents.emulator.tls.CertificateReading.validateAgainst;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mconnectevents.emulator.tls.CertificateReading.KeyUsageBit;

/**
 * What {@link EmulatorCertificates} leaves on disk, read back with the JDK alone: the files, the chain of
 * trust, each certificate's names and usages, and which files a later run reuses or mints afresh.
 */
class EmulatorCertificatesTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    @TempDir
    Path tempDir;

    @Test
    void mintsEveryFileIntoAFolderItCreates() {
        Path dir = tempDir.resolve("certs");

        EmulatorCertificates certificates = EmulatorCertificates.loadOrMint(dir, List.of("alice"), PASSWORD);

        assertThat(certificates.directory()).isEqualTo(dir);
        assertThat(certificates.rootCertificateFile()).isEqualTo(dir.resolve("ca.crt")).isRegularFile();
        assertThat(dir.resolve("intermediate-ca.p12")).isRegularFile();
        assertThat(certificates.serverKeyStoreFile()).isEqualTo(dir.resolve("server.p12")).isRegularFile();
        assertThat(certificates.clientKeyStoreFile("alice")).isEqualTo(dir.resolve("alice.p12")).isRegularFile();
        assertThat(certificates.clientCertificateFile("alice")).isEqualTo(dir.resolve("alice.crt")).isRegularFile();
        assertThat(certificates.clientPrivateKeyFile("alice")).isEqualTo(dir.resolve("alice.key")).isRegularFile();
        assertThat(certificates.keyStorePassword()).isEqualTo(PASSWORD);
    }

    @Test
    void mintsWithTheJdkProvidersAloneWithoutRegisteringBouncyCastle() {
        EmulatorCertificates.loadOrMint(tempDir, List.of("alice"), PASSWORD);

        assertThat(Security.getProvider("BC")).isNull();
    }

    @Test
    void rootIsASelfSignedCertificateAuthorityReadBackFromCaCrt() throws Exception {
        EmulatorCertificates certificates = EmulatorCertificates.loadOrMint(tempDir, List.of(), PASSWORD);
        X509Certificate root = certificates.rootCertificate();

        assertThat(readCertificates(certificates.rootCertificateFile())).containsExactly(root);
        assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=MConnect Events Emulator Root CA");
        assertThat(root.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        root.verify(root.getPublicKey());
        assertThat(root.getBasicConstraints()).as("CA without path length limit").isEqualTo(Integer.MAX_VALUE);
        assertThat(root.getCriticalExtensionOIDs())
                .contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
        assertThat(keyUsages(root)).containsExactlyInAnyOrder(KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN);
        assertThat(root.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(root.getSerialNumber()).isPositive();
    }

    @Test
    void intermediateIsSignedByTheRootAndMaySignOnlyLeaves() throws Exception {
        EmulatorCertificates certificates = EmulatorCertificates.loadOrMint(tempDir, List.of(), PASSWORD);
        X509Certificate intermediate = certificates.intermediateCertificate();

        intermediate.verify(certificates.rootCertificate().getPublicKey());
        assertThat(intermediate.getBasicConstraints()).as("CA with path length 0").isZero();
        assertThat(keyUsages(intermediate))
                .containsExactlyInAnyOrder(KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN);
        assertThat(authorityKeyIdentifier(intermediate))
                .isEqualTo(subjectKeyIdentifier(certificates.rootCertificate()));
    }

    @Test
    void serverChainValidatesAgainstTheRootAlone() throws Exception {
        EmulatorCertificates certificates = EmulatorCertificates.loadOrMint(tempDir, List.of(), PASSWORD);
        List<X509Certificate> chain = keyStoreChain(certificates.serverKeyStoreFile(), "server");

        validateAgainst(certificates.rootCertificate(), chain);
        assertThat(chain).hasSize(2);
        assertThat(chain.get(1)).isEqualTo(certificates.intermediateCertificate());
    }

    @Test
    void serverCertificateIsForLocalhostAndBothLoopbackAddresses() throws Exception {
        EmulatorCertificates certificates = EmulatorCertificates.loadOrMint(tempDir, List.of(), PASSWORD);
        X509Certificate server = keyStoreChain(certificates.serverKeyStoreFile(), "server").get(0);

        assertThat(server.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(server.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(DNS_NAME, "localhost"), List.of(IP_ADDRESS, "127.0.0.1"),
                List.of(IP_ADDRESS, "0:0:0:0:0:0:0:1"));
        assertThat(server.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(keyUsages(server))
                .containsExactlyInAnyOrder(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_ENCIPHERMENT);
        assertThat(server.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(server.getCriticalExtensionOIDs())
                .contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
        assertThat(authorityKeyIdentifier(server))
                .isEqualTo(subjectKeyIdentifier(certificates.intermediateCertificate()));
    }

    @Test
    void clientChainValidatesAgainstTheRootAloneAndNamesTheClient() throws Exception {
        EmulatorCertificates certificates = EmulatorCertificates.loadOrMint(tempDir, List.of("alice"), PASSWORD);
        List<X509Certificate> chain = keyStoreChain(certificates.clientKeyStoreFile("alice"), "alice");
        X509Certificate client = chain.get(0);

        validateAgainst(certificates.rootCertificate(), chain);
        assertThat(commonName(client)).isEqualTo("alice");
        assertThat(client.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(keyUsages(client)).containsExactly(KeyUsageBit.DIGITAL_SIGNATURE);
        assertThat(authorityKeyIdentifier(client))
                .isEqualTo(subjectKeyIdentifier(certificates.intermediateCertificate()));
    }

    @Test
    void certificatesLastTheirDocumentedValidityFromAnHourAgo() throws Exception {
        Instant before = Instant.now();
        EmulatorCertificates certificates = EmulatorCertificates.loadOrMint(tempDir, List.of("alice"), PASSWORD);
        X509Certificate server = keyStoreChain(certificates.serverKeyStoreFile(), "server").get(0);
        X509Certificate client = keyStoreChain(certificates.clientKeyStoreFile("alice"), "alice").get(0);

        assertValidFor(certificates.rootCertificate(), 10, before);
        assertValidFor(certificates.intermediateCertificate(), 5, before);
        assertValidFor(server, 2, before);
        assertValidFor(client, 1, before);
    }

    @Test
    void clientKeyStoreOpensWithThePasswordAndHoldsLeafThenIntermediate() throws Exception {
        EmulatorCertificates certificates = EmulatorCertificates.loadOrMint(tempDir, List.of("alice"), PASSWORD);

        KeyStore keyStore = openKeyStore(certificates.clientKeyStoreFile("alice"), PASSWORD);

        assertThat(keyStore.isKeyEntry("alice")).isTrue();
        assertThat(keyStore.getKey("alice", PASSWORD)).isInstanceOf(PrivateKey.class);
        Certificate[] chain = keyStore.getCertificateChain("alice");
        assertThat(chain).hasSize(2);
        assertThat(commonName((X509Certificate) chain[0])).isEqualTo("alice");
        assertThat(chain[1]).isEqualTo(certificates.intermediateCertificate());
    }

    @Test
    void pemFilesParseBackWithTheJdkAndMatchTheKeyStore() throws Exception {
        EmulatorCertificates certificates = EmulatorCertificates.loadOrMint(tempDir, List.of("alice"), PASSWORD);
        String keyPem = Files.readString(certificates.clientPrivateKeyFile("alice"), StandardCharsets.US_ASCII);

        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pemBody(keyPem)));
        List<X509Certificate> pemChain = readCertificates(certificates.clientCertificateFile("alice"));

        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(keyPem.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(64));
        assertThat(pemChain).isEqualTo(keyStoreChain(certificates.clientKeyStoreFile("alice"), "alice"));
        assertThat(signsFor(key, pemChain.get(0))).as("the .key matches the .crt").isTrue();
    }

    @Test
    void secondRunReusesTheAuthorityAndExistingFilesAndMintsOnlyTheNewClient() throws Exception {
        EmulatorCertificates first = EmulatorCertificates.loadOrMint(tempDir, List.of("alice"), PASSWORD);
        X509Certificate firstServer = keyStoreChain(first.serverKeyStoreFile(), "server").get(0);
        X509Certificate firstAlice = keyStoreChain(first.clientKeyStoreFile("alice"), "alice").get(0);

        EmulatorCertificates second = EmulatorCertificates.loadOrMint(tempDir, List.of("alice", "bob"), PASSWORD);

        assertThat(second.rootCertificate().getSerialNumber()).isEqualTo(first.rootCertificate().getSerialNumber());
        assertThat(second.intermediateCertificate()).isEqualTo(first.intermediateCertificate());
        assertThat(keyStoreChain(second.serverKeyStoreFile(), "server").get(0)).isEqualTo(firstServer);
        assertThat(keyStoreChain(second.clientKeyStoreFile("alice"), "alice").get(0)).isEqualTo(firstAlice);
        List<X509Certificate> bob = keyStoreChain(second.clientKeyStoreFile("bob"), "bob");
        assertThat(commonName(bob.get(0))).isEqualTo("bob");
        validateAgainst(first.rootCertificate(), bob);
    }

    @Test
    void aClientWithOnlySomeOfItsFilesIsMintedAgain() throws Exception {
        EmulatorCertificates first = EmulatorCertificates.loadOrMint(tempDir, List.of("alice"), PASSWORD);
        X509Certificate firstAlice = keyStoreChain(first.clientKeyStoreFile("alice"), "alice").get(0);
        Files.delete(first.clientPrivateKeyFile("alice"));

        EmulatorCertificates second = EmulatorCertificates.loadOrMint(tempDir, List.of("alice"), PASSWORD);

        assertThat(second.clientPrivateKeyFile("alice")).isRegularFile();
        assertThat(keyStoreChain(second.clientKeyStoreFile("alice"), "alice").get(0)).isNotEqualTo(firstAlice);
    }

    @Test
    void mintClientWithAPastValidityWritesAnExpiredCertificate() throws Exception {
        EmulatorCertificates certificates = EmulatorCertificates.loadOrMint(tempDir, List.of(), PASSWORD);
        Instant now = Instant.now();

        Path keyStore = certificates.mintClient("late", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));

        assertThat(keyStore).isEqualTo(certificates.clientKeyStoreFile("late"));
        X509Certificate expired = keyStoreChain(keyStore, "late").get(0);
        assertThatThrownBy(expired::checkValidity).isInstanceOf(CertificateExpiredException.class);
        assertThat(readCertificates(certificates.clientCertificateFile("late")).get(0)).isEqualTo(expired);
    }

    @Test
    void nextRunMintsAFreshCertificateForAnExpiredClient() throws Exception {
        EmulatorCertificates certificates = EmulatorCertificates.loadOrMint(tempDir, List.of("alice"), PASSWORD);
        Instant now = Instant.now();
        certificates.mintClient("alice", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));

        EmulatorCertificates.loadOrMint(tempDir, List.of("alice"), PASSWORD);

        keyStoreChain(certificates.clientKeyStoreFile("alice"), "alice").get(0).checkValidity();
    }

    @Test
    void mintClientRefusesAValidityThatEndsBeforeItStarts() {
        EmulatorCertificates certificates = EmulatorCertificates.loadOrMint(tempDir, List.of(), PASSWORD);
        Instant now = Instant.now();

        assertThatThrownBy(() -> certificates.mintClient("alice", now, now.minusSeconds(1)))
                .isInstanceOf(EmulatorCertificatesException.class)
                .hasMessageContaining("alice")
                .hasMessageContaining("notBefore must come before notAfter");
    }

    @Test
    void keyStoreWithoutIntermediateHoldsTheClientsLeafAlone() throws Exception {
        EmulatorCertificates certificates = EmulatorCertificates.loadOrMint(tempDir, List.of("alice"), PASSWORD);

        Path noChain = certificates.clientKeyStoreWithoutIntermediate("alice");

        assertThat(noChain).isEqualTo(tempDir.resolve("alice-no-chain.p12"));
        List<X509Certificate> chain = keyStoreChain(noChain, "alice");
        assertThat(chain).hasSize(1);
        assertThat(chain.get(0)).isEqualTo(keyStoreChain(certificates.clientKeyStoreFile("alice"), "alice").get(0));
    }

    @Test
    void keyStoreWithoutIntermediateNeedsTheClientMintedFirst() {
        EmulatorCertificates certificates = EmulatorCertificates.loadOrMint(tempDir, List.of(), PASSWORD);

        assertThatThrownBy(() -> certificates.clientKeyStoreWithoutIntermediate("nobody"))
                .isInstanceOf(EmulatorCertificatesException.class)
                .hasMessageContaining(tempDir.resolve("nobody.p12").toString())
                .hasMessageContaining("mint client 'nobody' first");
    }

    @Test
    void aWrongPasswordIsRefusedNamingTheKeyStore() {
        EmulatorCertificates.loadOrMint(tempDir, List.of("alice"), PASSWORD);

        assertThatThrownBy(() -> EmulatorCertificates.loadOrMint(tempDir, List.of("alice"), "wrong".toCharArray()))
                .isInstanceOf(EmulatorCertificatesException.class)
                .hasMessageContaining(tempDir.resolve("intermediate-ca.p12").toString())
                .hasMessageContaining("password");
    }

    @Test
    void aClientKeyStoreWithAnotherPasswordIsRefusedNamingIt() throws Exception {
        EmulatorCertificates.loadOrMint(tempDir, List.of("alice"), PASSWORD);
        Path alice = tempDir.resolve("alice.p12");
        KeyStore keyStore = openKeyStore(alice, PASSWORD);
        try (OutputStream out = Files.newOutputStream(alice)) {
            keyStore.store(out, "other".toCharArray());
        }

        assertThatThrownBy(() -> EmulatorCertificates.loadOrMint(tempDir, List.of("alice"), PASSWORD))
                .isInstanceOf(EmulatorCertificatesException.class)
                .hasMessageContaining(alice.toString())
                .hasMessageContaining("password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../escape", "a/b", "with space", "ümlaut", "server", "CA", "intermediate-ca",
        "alice-no-chain"})
    void unusableClientNamesAreRefusedByName(String badName) {
        assertThatThrownBy(() -> EmulatorCertificates.loadOrMint(tempDir, List.of("alice", badName), PASSWORD))
                .isInstanceOf(EmulatorCertificatesException.class)
                .hasMessageContaining("'" + badName + "'");
        assertThat(tempDir).isEmptyDirectory();
    }

    @Test
    void aClientNameLongerThanACommonNameIsRefused() {
        String tooLong = "a".repeat(65);

        assertThatThrownBy(() -> EmulatorCertificates.loadOrMint(tempDir, List.of(tooLong), PASSWORD))
                .isInstanceOf(EmulatorCertificatesException.class)
                .hasMessageContaining(tooLong)
                .hasMessageContaining("at most 64");
    }

    @Test
    void aRootWithoutTheIntermediateKeyIsADeadEndNamedInTheMessage() throws Exception {
        Files.writeString(tempDir.resolve("ca.crt"), "left over");

        assertThatThrownBy(() -> EmulatorCertificates.loadOrMint(tempDir, List.of(), PASSWORD))
                .isInstanceOf(EmulatorCertificatesException.class)
                .hasMessage(tempDir.resolve("ca.crt") + " exists but " + tempDir.resolve("intermediate-ca.p12")
                        + " is missing: cannot mint new certificates; delete the folder to start afresh");
    }

    @Test
    void aMissingRootFileIsRestoredFromTheIntermediateKeyStore() throws Exception {
        EmulatorCertificates first = EmulatorCertificates.loadOrMint(tempDir, List.of(), PASSWORD);
        Files.delete(first.rootCertificateFile());

        EmulatorCertificates second = EmulatorCertificates.loadOrMint(tempDir, List.of(), PASSWORD);

        assertThat(readCertificates(second.rootCertificateFile())).containsExactly(first.rootCertificate());
    }

    @Test
    void aNewAuthorityReplacesServerAndClientCertificatesOfTheOldOne() throws Exception {
        EmulatorCertificates first = EmulatorCertificates.loadOrMint(tempDir, List.of("alice"), PASSWORD);
        Files.delete(first.rootCertificateFile());
        Files.delete(tempDir.resolve("intermediate-ca.p12"));

        EmulatorCertificates second = EmulatorCertificates.loadOrMint(tempDir, List.of("alice"), PASSWORD);

        assertThat(second.rootCertificate()).isNotEqualTo(first.rootCertificate());
        validateAgainst(second.rootCertificate(), keyStoreChain(second.serverKeyStoreFile(), "server"));
        validateAgainst(second.rootCertificate(), keyStoreChain(second.clientKeyStoreFile("alice"), "alice"));
        validateAgainst(second.rootCertificate(), readCertificates(second.clientCertificateFile("alice")));
    }

    private static void assertValidFor(X509Certificate certificate, int years, Instant mintedAfter) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        Instant expectedEnd = mintedAfter.atOffset(ZoneOffset.UTC).plusYears(years).toInstant();
        assertThat(notBefore).as("notBefore of %s", certificate.getSubjectX500Principal())
                .isBetween(mintedAfter.minus(Duration.ofMinutes(61)), mintedAfter.minus(Duration.ofMinutes(59)));
        assertThat(notAfter).as("notAfter of %s", certificate.getSubjectX500Principal())
                .isBetween(expectedEnd.minus(Duration.ofMinutes(1)), expectedEnd.plus(Duration.ofMinutes(1)));
    }
}
