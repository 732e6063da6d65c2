package org.mconnectevents.client;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.KeyStoreOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TCPSSLOptions;
import io.vertx.core.net.TrustOptions;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509KeyManager;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The TLS material of a client: its certificate with the intermediate chain and private key (mutual TLS),
 * and what it trusts (the JVM's default trust when none is given). Built from a key store (PKCS12 by default),
 * PEM files, or key and trust managers made elsewhere. {@link #clientCertificate(Vertx, boolean)} opens the material
 * and checks it the way the service will, so that a wrong password, an expired certificate or a missing
 * intermediate fail at start with a message that says what to fix.
 */
public final class ClientTls {

    private static final List<String> KEY_TYPES = List.of("EC", "RSA", "EdDSA", "Ed25519", "DSA");

    private final KeyCertOptions keyCert;
    /** Null for the JVM's default trust. */
    private final TrustOptions trust;
    private final String description;
    /** Null for Vert.x's defaults. */
    private final List<String> protocols;
    private final List<String> cipherSuites;

    private ClientTls(KeyCertOptions keyCert, TrustOptions trust, String description) {
        this(keyCert, trust, description, null, null);
    }

    private ClientTls(KeyCertOptions keyCert, TrustOptions trust, String description, List<String> protocols,
                      List<String> cipherSuites) {
        this.keyCert = Objects.requireNonNull(keyCert, "keyCert");
        this.trust = trust;
        this.description = description;
        this.protocols = protocols == null ? null : List.copyOf(protocols);
        this.cipherSuites = cipherSuites == null ? null : List.copyOf(cipherSuites);
    }

    /** A key store holding the private key with its whole certificate chain; type PKCS12 unless said. */
    public static ClientTls keyStore(Buffer content, String password, String type, String description) {
        return keyStore(content, password, type, null, description);
    }

    /**
     * A key store holding one or more private keys with their certificate chains (several during a certificate
     * renewal); {@code keyAlias} chooses the key, and must be given when the store holds more than one. Only that key
     * is checked and sent in the handshake.
     */
    public static ClientTls keyStore(Buffer content, String password, String type, String keyAlias, String description) {
        return new ClientTls(new KeyStoreOptions()
                .setType(type == null ? "PKCS12" : type)
                .setValue(content)
                .setPassword(password)
                .setAlias(keyAlias), null, "key store " + description);
    }

    /** PEM: the certificate file holds the client certificate followed by its intermediates; the key is PKCS#8 or SEC1/PKCS#1. */
    public static ClientTls pem(Buffer certificates, Buffer privateKey, String description) {
        return new ClientTls(new PemKeyCertOptions().addCertValue(certificates).addKeyValue(privateKey), null,
                "certificate file " + description);
    }

    /**
     * One key of a key manager made elsewhere (e.g. Camel's SSLContextParameters): the one under {@code alias}, or, with
     * no alias, its only key. Only that key is checked and sent in the handshake.
     *
     * @param alias the alias of the key, or null when the key manager must hold exactly one
     * @param option the option that names the alias, for messages (e.g. certAlias)
     * @throws IllegalArgumentException naming the keys there are, when the key manager has no key under the alias, or
     *                                  holds none or several and no alias was given
     */
    public static ClientTls keyManager(X509KeyManager keyManager, String alias, String option, String description) {
        List<String> keys = new ArrayList<>();
        for (String keyType : KEY_TYPES) {
            String[] aliases = keyManager.getClientAliases(keyType, null);
            keys.addAll(aliases == null ? List.of() : List.of(aliases));
        }
        Collections.sort(keys);
        String choose = " Set " + option + " to the one whose certificate MConnect Events knows this client by.";
        if (alias == null && keys.size() != 1) {
            throw new IllegalArgumentException(keys.isEmpty() ? "The " + description + " hold no private key with a client certificate."
                    : "The " + description + " hold " + keys.size() + " keys (" + String.join(", ", keys)
                    + ") and the one sent in the TLS handshake would be left to chance." + choose);
        }
        if (alias != null && keyManager.getPrivateKey(alias) == null) {
            throw new IllegalArgumentException("The " + description + " hold no key under the alias '" + alias + "' (" + option
                    + "). Their keys: " + String.join(", ", keys) + "." + choose);
        }
        return new ClientTls(KeyCertOptions.wrap(new OneKeyManager(keyManager, alias == null ? keys.get(0) : alias)), null, description);
    }

    /** Trust these PEM certificates (e.g. the service's root CA) instead of the JVM's default trust. */
    public ClientTls trustPem(Buffer certificates) {
        return new ClientTls(keyCert, new PemTrustOptions().addCertValue(certificates), description, protocols, cipherSuites);
    }

    /** Trust the certificates of this key store instead of the JVM's default trust. */
    public ClientTls trustStore(Buffer content, String password, String type) {
        return new ClientTls(keyCert, new KeyStoreOptions().setType(type == null ? "PKCS12" : type)
                .setValue(content).setPassword(password), description, protocols, cipherSuites);
    }

    /** Trust what this trust manager trusts. */
    public ClientTls trustManager(TrustManager trustManager) {
        return new ClientTls(keyCert, TrustOptions.wrap(trustManager), description, protocols, cipherSuites);
    }

    /**
     * Offer only these protocols (e.g. TLSv1.3) and cipher suites in the handshake, in this order; null keeps Vert.x's
     * defaults for that part.
     */
    public ClientTls offering(List<String> protocols, List<String> cipherSuites) {
        return new ClientTls(keyCert, trust, description, protocols, cipherSuites);
    }

    /** Sets this material on the TLS options of an HTTP or WebSocket client. */
    <T extends TCPSSLOptions> T applyTo(T options) {
        options.setSsl(true).setKeyCertOptions(keyCert).setTrustOptions(trust);
        if (protocols != null) {
            options.setEnabledSecureTransportProtocols(new LinkedHashSet<>(protocols));
        }
        if (cipherSuites != null) {
            cipherSuites.forEach(options::addEnabledCipherSuite);
        }
        return options;
    }

    /** Where the material came from, for messages (never holds a secret). */
    public String description() {
        return description;
    }

    /**
     * Opens the key material and checks the chain the client will send: there must be a private key with a
     * certificate, and unless {@code requireIntermediates} is false, a certificate issued by another CA must come
     * with that issuer (the service does not fill in chains).
     * Validity dates are checked by the caller, which owns the clock ({@link ClientCertificate#checkValidAt}).
     *
     * @throws IllegalArgumentException naming the material and what to fix
     */
    public ClientCertificate clientCertificate(Vertx vertx, boolean requireIntermediates) {
        if (keyCert instanceof KeyStoreOptions store) {
            checkKeyAlias(vertx, store);
        }
        // with a key alias, Vert.x keeps only that key: what is checked below is what the handshake will send
        X509KeyManager keyManager = openKeyManager(vertx);
        String alias = firstClientAlias(keyManager);
        X509Certificate[] chain = keyManager.getCertificateChain(alias);
        if (chain == null || chain.length == 0) {
            throw new IllegalArgumentException("The " + description + " has a private key '" + alias
                    + "' but no certificate with it; MConnect Events needs the client certificate and its chain.");
        }
        ClientCertificate certificate = new ClientCertificate(List.of(chain));
        if (requireIntermediates && chain.length == 1 && !certificate.leaf().getIssuerX500Principal().equals(certificate.leaf().getSubjectX500Principal())) {
            throw new IllegalArgumentException("The " + description + " holds the client certificate '"
                    + certificate.subject() + "' without the intermediate CA certificate that issued it ('"
                    + certificate.leaf().getIssuerX500Principal().getName() + "'). MConnect Events requires the client"
                    + " to send its intermediate chain in the TLS handshake and refuses the connection otherwise:"
                    + " put the whole chain (client certificate, then intermediates) into the key store or certificate file.");
        }
        return certificate;
    }

    /**
     * A key store with several keys needs a key alias naming one of them; without one, which key the TLS handshake
     * sends is the JSSE key manager's choice, not necessarily the one checked here.
     */
    private void checkKeyAlias(Vertx vertx, KeyStoreOptions store) {
        List<String> keys = keyAliases(vertx, store);
        String alias = store.getAlias();
        String choose = " Set keyAlias to the one whose certificate MConnect Events knows this client by.";
        if (alias == null && keys.size() > 1) {
            throw new IllegalArgumentException("The " + description + " holds " + keys.size() + " keys (" + String.join(", ", keys)
                    + ") and the one sent in the TLS handshake would be left to chance." + choose);
        }
        if (alias != null && !keys.contains(alias)) {
            throw new IllegalArgumentException("The " + description + " holds no key under the alias '" + alias
                    + "' (keyAlias). Its keys: " + String.join(", ", keys) + "." + choose);
        }
    }

    private List<String> keyAliases(Vertx vertx, KeyStoreOptions store) {
        try {
            KeyStore keyStore = new KeyStoreOptions(store).setAlias(null).loadKeyStore(vertx);
            List<String> keys = new ArrayList<>();
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    keys.add(alias);
                }
            }
            Collections.sort(keys);
            return keys;
        } catch (Exception e) {
            throw cannotOpen(e);
        }
    }

    private X509KeyManager openKeyManager(Vertx vertx) {
        KeyManagerFactory factory;
        try {
            factory = keyCert.getKeyManagerFactory(vertx);
        } catch (Exception e) {
            throw cannotOpen(e);
        }
        return Arrays.stream(factory.getKeyManagers())
                .filter(X509KeyManager.class::isInstance)
                .map(X509KeyManager.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The " + description + " has no X.509 key material."));
    }

    private String firstClientAlias(X509KeyManager keyManager) {
        for (String keyType : KEY_TYPES) {
            String[] aliases = keyManager.getClientAliases(keyType, null);
            if (aliases != null && aliases.length > 0) {
                return aliases[0];
            }
        }
        throw new IllegalArgumentException("The " + description + " holds no private key with a client certificate.");
    }

    private IllegalArgumentException cannotOpen(Exception e) {
        return new IllegalArgumentException("Cannot open the " + description + ": " + rootMessage(e)
                + ". Check the file and its password (keyStorePassword) and type (keyStoreType).", e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getMessage() + ")";
        }
        return message;
    }

}
