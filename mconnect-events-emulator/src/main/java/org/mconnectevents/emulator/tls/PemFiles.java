package org.mconnectevents.emulator.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Reads and writes the PEM files that non-Java clients (curl, OpenSSL, .NET, Node) are given.
 *
 * <p>Written by hand rather than with BouncyCastle's PEM writer: the JDK already encodes private keys as
 * PKCS#8, which is the unencrypted {@code BEGIN PRIVATE KEY} form every TLS stack reads, whereas
 * BouncyCastle's default for EC keys is the OpenSSL-specific {@code BEGIN EC PRIVATE KEY}.
 */
final class PemFiles {

    /** RFC 7468 asks for 64-character lines; some parsers (older OpenSSL) refuse longer ones. */
    private static final Base64.Encoder PEM_BASE64 =
            Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private PemFiles() {
    }

    /** Writes the certificates in the given order, as a TLS peer sends them: leaf first. */
    static void writeCertificates(Path file, List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            pem.append(pemBlock("CERTIFICATE", encoded(certificate, file)));
        }
        FileWriting.writeAtomically(file, pem.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes the key unencrypted in PKCS#8, the {@code BEGIN PRIVATE KEY} form. */
    static void writePrivateKey(Path file, PrivateKey privateKey) {
        if (!"PKCS#8".equals(privateKey.getFormat())) {
            throw new EmulatorCertificatesException("cannot write " + file + ": the private key encodes as "
                    + privateKey.getFormat() + ", not PKCS#8; this JDK's EC provider is not supported");
        }
        String pem = pemBlock("PRIVATE KEY", privateKey.getEncoded());
        FileWriting.writeAtomically(file, pem.getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads the first certificate of a PEM (or DER) file. */
    static X509Certificate readCertificate(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new EmulatorCertificatesException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new EmulatorCertificatesException(file + " does not hold a readable X.509 certificate ("
                    + e.getMessage() + "); delete the folder to mint new certificates", e);
        }
    }

    private static String pemBlock(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + PEM_BASE64.encodeToString(der) + "\n"
                + "-----END " + label + "-----\n";
    }

    private static byte[] encoded(X509Certificate certificate, Path file) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new EmulatorCertificatesException("cannot write " + file + ": the certificate "
                    + certificate.getSubjectX500Principal() + " does not encode: " + e.getMessage(), e);
        }
    }
}
