package org.mconnectevents.emulator.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key with its certificate chain, leaf first: what one PKCS12 key entry holds.
 *
 * @param privateKey the key the leaf certifies
 * @param chain      the leaf, then the certificates that issued it, up to but not always including the root
 */
record KeyAndChain(PrivateKey privateKey, List<X509Certificate> chain) {

    KeyAndChain {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a key entry needs at least its own certificate");
        }
    }

    X509Certificate leaf() {
        return chain.get(0);
    }

    /** The same key with its leaf alone, as a client that forgot to send its intermediate would hold it. */
    KeyAndChain withoutIssuers() {
        return new KeyAndChain(privateKey, List.of(leaf()));
    }
}
