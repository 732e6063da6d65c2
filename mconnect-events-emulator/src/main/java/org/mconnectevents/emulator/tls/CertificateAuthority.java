package org.mconnectevents.emulator.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's certificate authority: the root CA certificate, and the intermediate CA with the key
 * that signs the server and client certificates.
 *
 * <p>The root's key is thrown away once the intermediate is signed: every later certificate is signed by
 * the intermediate, so only the intermediate's key is kept, in {@code intermediate-ca.p12}.
 *
 * @param root            the self-signed root CA, the only certificate peers need to trust
 * @param intermediate    the intermediate CA signed by the root
 * @param intermediateKey the key that signs server and client certificates
 */
record CertificateAuthority(X509Certificate root, X509Certificate intermediate, PrivateKey intermediateKey) {

    static final String INTERMEDIATE_ALIAS = "intermediate-ca";

    private static final Logger LOG = LoggerFactory.getLogger(CertificateAuthority.class);

    /**
     * Reads the authority from the two files, restoring the root file from the key store if only it is
     * missing, or mints a new authority when neither file exists.
     */
    static CertificateAuthority loadOrMint(Path rootFile, Path intermediateFile, char[] password,
            CertificateMinter minter) {
        if (Files.exists(intermediateFile)) {
            return load(rootFile, intermediateFile, password);
        }
        if (Files.exists(rootFile)) {
            throw new EmulatorCertificatesException(rootFile + " exists but " + intermediateFile
                    + " is missing: cannot mint new certificates; delete the folder to start afresh");
        }
        CertificateAuthority authority = minter.mintAuthority();
        // The key store first: should the run stop in between, the next one restores the root file from it,
        // whereas a root file alone would be a dead end.
        KeyStoreFiles.write(intermediateFile, INTERMEDIATE_ALIAS, authority.asKeyEntry(), password);
        PemFiles.writeCertificates(rootFile, List.of(authority.root()));
        LOG.info("Minted a new root CA into {} and intermediate CA into {}", rootFile, intermediateFile);
        return authority;
    }

    private static CertificateAuthority load(Path rootFile, Path intermediateFile, char[] password) {
        KeyAndChain entry = KeyStoreFiles.read(intermediateFile, INTERMEDIATE_ALIAS, password);
        if (entry.chain().size() < 2) {
            throw new EmulatorCertificatesException(intermediateFile + " holds the intermediate CA without"
                    + " the root CA that signed it; delete the folder to start afresh");
        }
        CertificateAuthority authority =
                new CertificateAuthority(entry.chain().get(1), entry.leaf(), entry.privateKey());
        authority.requireIntermediateSignedByRoot(intermediateFile);
        authority.requireCurrentlyValid(intermediateFile);
        if (Files.exists(rootFile)) {
            authority.requireSameRoot(rootFile, intermediateFile);
        } else {
            PemFiles.writeCertificates(rootFile, List.of(authority.root()));
            LOG.info("Restored the missing {} from the root CA kept in {}", rootFile, intermediateFile);
        }
        return authority;
    }

    /** Leaves the key out, so that a logged or printed authority never shows it. */
    @Override
    public String toString() {
        return "CertificateAuthority[root=" + root.getSubjectX500Principal()
                + ", intermediate=" + intermediate.getSubjectX500Principal() + "]";
    }

    KeyAndChain asKeyEntry() {
        return new KeyAndChain(intermediateKey, List.of(intermediate, root));
    }

    /** Whether the certificate was signed by this authority's intermediate CA. */
    boolean issued(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(intermediate.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(intermediate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            // A signature that does not verify is exactly the "no" this method answers; nothing to report.
            return false;
        }
    }

    private void requireIntermediateSignedByRoot(Path intermediateFile) {
        try {
            intermediate.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new EmulatorCertificatesException("the intermediate CA in " + intermediateFile
                    + " is not signed by the root CA stored with it (" + e + "); delete the folder to start afresh",
                    e);
        }
    }

    private void requireCurrentlyValid(Path intermediateFile) {
        for (X509Certificate certificate : List.of(root, intermediate)) {
            try {
                certificate.checkValidity();
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                throw new EmulatorCertificatesException(certificate.getSubjectX500Principal() + " in "
                        + intermediateFile + " is valid only from " + certificate.getNotBefore().toInstant()
                        + " to " + certificate.getNotAfter().toInstant()
                        + "; delete the folder to mint a new certificate authority", e);
            }
        }
    }

    private void requireSameRoot(Path rootFile, Path intermediateFile) {
        if (!PemFiles.readCertificate(rootFile).equals(root)) {
            throw new EmulatorCertificatesException(rootFile + " is not the root CA that signed the intermediate"
                    + " CA in " + intermediateFile + "; delete the folder to start afresh");
        }
    }
}
