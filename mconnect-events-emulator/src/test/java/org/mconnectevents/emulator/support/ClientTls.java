package org.mconnectevents.emulator.support;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

/** TLS contexts for clients built from files, for when there is no {@code Emulator} object to ask. */
public final class ClientTls {

    private ClientTls() {
    }

    /** The JDK's own key manager over a PKCS12 key store. */
    public static KeyManager keyManager(Path pkcs12, char[] password) {
        try (InputStream in = Files.newInputStream(pkcs12)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory.getKeyManagers()[0];
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key store " + pkcs12, e);
        }
    }

    /** A TLS context presenting what the key manager chooses and trusting the root CA (PEM) alone. */
    public static SSLContext trustingOnly(Path rootCertificate, KeyManager keyManager) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            try (InputStream in = Files.newInputStream(rootCertificate)) {
                trusted.setCertificateEntry("root", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keyManager}, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context trusting " + rootCertificate, e);
        }
    }
}
