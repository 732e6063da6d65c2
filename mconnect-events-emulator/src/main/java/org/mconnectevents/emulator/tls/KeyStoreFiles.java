package org.mconnectevents.emulator.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes PKCS12 key stores holding one key entry, with the JDK's own {@code PKCS12} type so
 * that no BouncyCastle JCA provider is needed.
 */
final class KeyStoreFiles {

    private static final String TYPE = "PKCS12";

    private KeyStoreFiles() {
    }

    /** Writes a key store with a single key entry; store and key share the password, as TLS stacks expect. */
    static void write(Path file, String alias, KeyAndChain entry, char[] password) {
        try {
            KeyStore keyStore = KeyStore.getInstance(TYPE);
            keyStore.load(null, null);
            keyStore.setKeyEntry(alias, entry.privateKey(), password,
                    entry.chain().toArray(new Certificate[0]));
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            keyStore.store(content, password);
            FileWriting.writeAtomically(file, content.toByteArray());
        } catch (GeneralSecurityException | IOException e) {
            throw new EmulatorCertificatesException("cannot write the key store " + file + ": " + e, e);
        }
    }

    /** Opens the key store and returns its key entry under the alias. */
    static KeyAndChain read(Path file, String alias, char[] password) {
        KeyStore keyStore = open(file, password);
        try {
            Key key = keyStore.getKey(alias, password);
            Certificate[] chain = keyStore.getCertificateChain(alias);
            if (!(key instanceof PrivateKey) || chain == null || chain.length == 0) {
                throw new EmulatorCertificatesException(file + " holds no private key with its certificate"
                        + " under the alias '" + alias + "'; delete the file to mint it afresh");
            }
            return new KeyAndChain((PrivateKey) key, x509(chain, file));
        } catch (GeneralSecurityException e) {
            throw new EmulatorCertificatesException("cannot read the key '" + alias + "' from " + file
                    + " with the given key store password (" + e + "); delete the file to mint it afresh", e);
        }
    }

    private static KeyStore open(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore keyStore = KeyStore.getInstance(TYPE);
            keyStore.load(in, password);
            return keyStore;
        } catch (NoSuchFileException e) {
            throw new EmulatorCertificatesException(file + " is missing", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new EmulatorCertificatesException(file + " cannot be opened with the given key store"
                        + " password: pass the password it was minted with, or delete the certificate folder"
                        + " to mint everything afresh", e);
            }
            throw new EmulatorCertificatesException("cannot read " + file + " as a PKCS12 key store (" + e
                    + "); delete it to mint it afresh", e);
        } catch (GeneralSecurityException e) {
            throw new EmulatorCertificatesException("cannot read " + file + " as a PKCS12 key store (" + e
                    + "); delete it to mint it afresh", e);
        }
    }

    private static List<X509Certificate> x509(Certificate[] chain, Path file) {
        List<X509Certificate> certificates = new ArrayList<>(chain.length);
        for (Certificate certificate : chain) {
            if (!(certificate instanceof X509Certificate)) {
                throw new EmulatorCertificatesException(file + " holds a " + certificate.getType()
                        + " certificate where an X.509 one is expected; delete it to mint it afresh");
            }
            certificates.add((X509Certificate) certificate);
        }
        return certificates;
    }
}
