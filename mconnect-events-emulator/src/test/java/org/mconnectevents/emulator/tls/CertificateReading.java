package org.mconnectevents.emulator.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Reads the minted files back with the JDK alone, as a client of the emulator would, so that the tests
 * prove what is on disk rather than what the minting code believes it wrote.
 */
final class CertificateReading {

    static final char[] PASSWORD = "emulator-secret".toCharArray();

    private CertificateReading() {
    }

    enum KeyUsageBit {
        DIGITAL_SIGNATURE, NON_REPUDIATION, KEY_ENCIPHERMENT, DATA_ENCIPHERMENT, KEY_AGREEMENT, KEY_CERT_SIGN,
        CRL_SIGN, ENCIPHER_ONLY, DECIPHER_ONLY
    }

    static Set<KeyUsageBit> keyUsages(X509Certificate certificate) {
        boolean[] bits = certificate.getKeyUsage();
        Set<KeyUsageBit> usages = EnumSet.noneOf(KeyUsageBit.class);
        for (int bit = 0; bit < bits.length && bit < KeyUsageBit.values().length; bit++) {
            if (bits[bit]) {
                usages.add(KeyUsageBit.values()[bit]);
            }
        }
        return usages;
    }

    static void validateAgainst(X509Certificate root, List<X509Certificate> chain)
            throws GeneralSecurityException {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
    }

    static KeyStore openKeyStore(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, password);
        }
        return keyStore;
    }

    static List<X509Certificate> keyStoreChain(Path file, String alias)
            throws IOException, GeneralSecurityException {
        Certificate[] chain = openKeyStore(file, PASSWORD).getCertificateChain(alias);
        assertThat(chain).as("key entry '%s' in %s", alias, file).isNotNull();
        return Arrays.stream(chain).map(X509Certificate.class::cast).toList();
    }

    static List<X509Certificate> readCertificates(Path pemFile) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pemFile)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        }
    }

    static byte[] pemBody(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    static boolean signsFor(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        byte[] message = "proof of possession".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(message);
        return verifier.verify(signature);
    }

    static String commonName(X509Certificate certificate) throws Exception {
        for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
            if (rdn.getType().equalsIgnoreCase("CN")) {
                return rdn.getValue().toString();
            }
        }
        throw new AssertionError("no CN in " + certificate.getSubjectX500Principal());
    }

    static byte[] subjectKeyIdentifier(X509Certificate certificate) throws IOException {
        return SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId()))).getKeyIdentifier();
    }

    static byte[] authorityKeyIdentifier(X509Certificate certificate) throws IOException {
        return AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId()))).getKeyIdentifier();
    }
}
