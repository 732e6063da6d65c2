package org.mconnectevents.emulator.support;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import java.net.Socket;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * Presents the one certificate chain of a key store whichever certificate authorities the server names, as
 * curl or OpenSSL given a certificate file do. The JDK's own key manager withholds a chain that does not lead
 * to those authorities and sends no certificate at all, which would hide the case a test wants to show: a
 * chain sent without its intermediate.
 */
public final class UnconditionalKeyManager extends X509ExtendedKeyManager {

    private final X509KeyManager keyStore;
    private final String alias;

    private UnconditionalKeyManager(X509KeyManager keyStore, String alias) {
        this.keyStore = keyStore;
        this.alias = alias;
    }

    /** Presents the chain stored under {@code alias} in the PKCS12 file. */
    public static UnconditionalKeyManager presenting(Path pkcs12, char[] password, String alias) {
        return new UnconditionalKeyManager((X509KeyManager) ClientTls.keyManager(pkcs12, password), alias);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return alias;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return alias;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String requested) {
        return keyStore.getCertificateChain(requested);
    }

    @Override
    public PrivateKey getPrivateKey(String requested) {
        return keyStore.getPrivateKey(requested);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
