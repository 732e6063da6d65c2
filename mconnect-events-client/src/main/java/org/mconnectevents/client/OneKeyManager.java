package org.mconnectevents.client;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A key manager that offers one key of another, chosen by its alias: the key the start-up checks find is then the
 * only one the TLS handshake can send, whatever the JSSE key manager would have preferred among several.
 */
final class OneKeyManager extends X509ExtendedKeyManager {

    private final X509KeyManager keys;
    private final String alias;

    OneKeyManager(X509KeyManager keys, String alias) {
        this.keys = keys;
        this.alias = alias;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return holds(keyType) ? new String[] {alias} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return alias;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return alias;
    }

    /** A client never serves: no server aliases. */
    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String requested) {
        return alias.equals(requested) ? keys.getCertificateChain(alias) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String requested) {
        return alias.equals(requested) ? keys.getPrivateKey(alias) : null;
    }

    private boolean holds(String keyType) {
        PrivateKey key = keys.getPrivateKey(alias);
        return key != null && keyType.equals(key.getAlgorithm());
    }
}
