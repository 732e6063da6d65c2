package org.mconnectevents.emulator.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Mints the emulator's EC P-256 keys and certificates: root CA, intermediate CA, server and clients.
 *
 * <p>Uses BouncyCastle's certificate builders only; keys, signatures and certificate parsing come from the
 * JDK's default providers. The BouncyCastle JCA provider is never registered, because the standalone jar
 * is shaded and loses the jar signature that provider needs.
 */
final class CertificateMinter {

    static final X500Principal ROOT_SUBJECT = new X500Principal("CN=MConnect Events Emulator Root CA");
    static final X500Principal INTERMEDIATE_SUBJECT =
            new X500Principal("CN=MConnect Events Emulator Intermediate CA");
    static final X500Principal SERVER_SUBJECT = new X500Principal("CN=localhost");

    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    /** Back-dates notBefore so that a peer whose clock runs a little behind still accepts a fresh certificate. */
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);
    private static final Period ROOT_VALIDITY = Period.ofYears(10);
    private static final Period INTERMEDIATE_VALIDITY = Period.ofYears(5);
    private static final Period SERVER_VALIDITY = Period.ofYears(2);
    private static final Period CLIENT_VALIDITY = Period.ofYears(1);

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final JcaX509ExtensionUtils extensionUtils;

    CertificateMinter(Clock clock) {
        this.clock = clock;
        try {
            this.extensionUtils = new JcaX509ExtensionUtils();
        } catch (GeneralSecurityException e) {
            throw new EmulatorCertificatesException("cannot mint certificates: this JDK offers no SHA-1 digest"
                    + " for key identifiers (" + e + ")", e);
        }
    }

    /** Mints a self-signed root and the intermediate it signs; the root's key is dropped afterwards. */
    CertificateAuthority mintAuthority() {
        KeyPair rootKeys = newKeyPair();
        Instant notBefore = notBefore();
        X509Certificate root = sign(rootKeys.getPrivate(), caBuilder(
                new JcaX509v3CertificateBuilder(ROOT_SUBJECT, serialNumber(), Date.from(notBefore),
                        Date.from(notAfter(ROOT_VALIDITY)), ROOT_SUBJECT, rootKeys.getPublic()),
                rootKeys.getPublic(), rootKeys.getPublic(), new BasicConstraints(true)));

        KeyPair intermediateKeys = newKeyPair();
        X509Certificate intermediate = sign(rootKeys.getPrivate(), caBuilder(
                new JcaX509v3CertificateBuilder(root, serialNumber(), Date.from(notBefore),
                        Date.from(notAfter(INTERMEDIATE_VALIDITY)), INTERMEDIATE_SUBJECT,
                        intermediateKeys.getPublic()),
                intermediateKeys.getPublic(), root.getPublicKey(), new BasicConstraints(0)));
        return new CertificateAuthority(root, intermediate, intermediateKeys.getPrivate());
    }

    /** Mints the server's key and certificate, valid for the given host names and IP addresses. */
    KeyAndChain mintServer(CertificateAuthority authority, List<String> serverNames) {
        KeyPair keys = newKeyPair();
        X509v3CertificateBuilder builder = leafBuilder(authority, SERVER_SUBJECT, keys.getPublic(),
                notBefore(), cappedNotAfter(SERVER_VALIDITY, authority));
        addExtension(builder, Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        addExtension(builder, Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        addExtension(builder, Extension.subjectAlternativeName, false, serverAlternativeNames(serverNames));
        return issued(keys, sign(authority.intermediateKey(), builder), authority);
    }

    /** The subject alternative names of a server certificate for these names, in their order. */
    static GeneralNames serverAlternativeNames(List<String> serverNames) {
        return new GeneralNames(serverNames.stream().map(ServerName::alternativeName).toArray(GeneralName[]::new));
    }

    /** Mints a client's key and certificate for the usual client validity, starting now. */
    KeyAndChain mintClient(CertificateAuthority authority, String clientName) {
        return mintClient(authority, clientName, notBefore(), cappedNotAfter(CLIENT_VALIDITY, authority));
    }

    /** Mints a client's key and certificate for exactly the given validity, expired or not yet valid alike. */
    KeyAndChain mintClient(CertificateAuthority authority, String clientName, Instant notBefore,
            Instant notAfter) {
        KeyPair keys = newKeyPair();
        X500Principal subject = new X500Principal("CN=" + clientName);
        X509v3CertificateBuilder builder =
                leafBuilder(authority, subject, keys.getPublic(), notBefore, notAfter);
        addExtension(builder, Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        addExtension(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        return issued(keys, sign(authority.intermediateKey(), builder), authority);
    }

    private X509v3CertificateBuilder caBuilder(X509v3CertificateBuilder builder, PublicKey subjectKey,
            PublicKey issuerKey, BasicConstraints constraints) {
        addKeyIdentifiers(builder, subjectKey, issuerKey);
        addExtension(builder, Extension.basicConstraints, true, constraints);
        addExtension(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return builder;
    }

    private X509v3CertificateBuilder leafBuilder(CertificateAuthority authority, X500Principal subject,
            PublicKey subjectKey, Instant notBefore, Instant notAfter) {
        X509Certificate issuer = authority.intermediate();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serialNumber(),
                Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
        addKeyIdentifiers(builder, subjectKey, issuer.getPublicKey());
        addExtension(builder, Extension.basicConstraints, true, new BasicConstraints(false));
        return builder;
    }

    private void addKeyIdentifiers(X509v3CertificateBuilder builder, PublicKey subjectKey, PublicKey issuerKey) {
        addExtension(builder, Extension.subjectKeyIdentifier, false,
                extensionUtils.createSubjectKeyIdentifier(subjectKey));
        // Derived from the issuer's key the same way as the issuer's own subject key identifier, so they match.
        addExtension(builder, Extension.authorityKeyIdentifier, false,
                extensionUtils.createAuthorityKeyIdentifier(issuerKey));
    }

    private static void addExtension(X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid,
            boolean critical, ASN1Encodable value) {
        try {
            builder.addExtension(oid, critical, value);
        } catch (CertIOException e) {
            throw new EmulatorCertificatesException("cannot encode the certificate extension " + oid + ": " + e, e);
        }
    }

    private static X509Certificate sign(PrivateKey issuerKey, X509v3CertificateBuilder builder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuerKey)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new EmulatorCertificatesException("cannot sign a certificate with " + SIGNATURE_ALGORITHM
                    + " using the JDK's providers: " + e, e);
        }
    }

    private static KeyAndChain issued(KeyPair keys, X509Certificate leaf, CertificateAuthority authority) {
        return new KeyAndChain(keys.getPrivate(), List.of(leaf, authority.intermediate()));
    }

    private KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new EmulatorCertificatesException("cannot generate an EC P-256 key: this JDK's providers"
                    + " lack secp256r1 (" + e + ")", e);
        }
    }

    /** Positive and non-zero, 128 random bits: unpredictable, and within RFC 5280's 20 octets. */
    private BigInteger serialNumber() {
        return new BigInteger(128, random).setBit(0);
    }

    private Instant notBefore() {
        return clock.instant().minus(CLOCK_SKEW);
    }

    private Instant notAfter(Period validity) {
        return clock.instant().atOffset(ZoneOffset.UTC).plus(validity).toInstant();
    }

    /** A leaf never outlives its issuer: some TLS stacks refuse such a chain even while both are valid. */
    private Instant cappedNotAfter(Period validity, CertificateAuthority authority) {
        Instant wanted = notAfter(validity);
        Instant issuerEnd = authority.intermediate().getNotAfter().toInstant();
        return wanted.isAfter(issuerEnd) ? issuerEnd : wanted;
    }
}
