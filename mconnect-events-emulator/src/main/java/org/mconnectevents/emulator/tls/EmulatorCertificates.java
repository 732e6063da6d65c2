package org.mconnectevents.emulator.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates of the emulator's mutual TLS, kept in one folder so that every run, and every client,
 * finds the same ones.
 *
 * <p>The folder holds:
 * <ul>
 *   <li>{@code ca.crt}: the root CA (PEM), the one certificate servers and clients need to trust;</li>
 *   <li>{@code intermediate-ca.p12}: the intermediate CA's key with the intermediate and root certificates,
 *       kept so that later runs can mint certificates for new clients;</li>
 *   <li>{@code server.p12}: the server's key, certificate and the intermediate CA, under the alias
 *       {@code server};</li>
 *   <li>for each client, {@code <name>.p12} (key, certificate and intermediate CA, under the alias
 *       {@code <name>}), {@code <name>.crt} (certificate then intermediate CA, PEM) and {@code <name>.key}
 *       (the key, unencrypted PKCS#8 PEM), for clients that do not read PKCS12.</li>
 * </ul>
 * Every key store is PKCS12 and protected with the key store password. The server and client chains
 * stop before the root: a TLS peer sends its intermediate and the other side supplies the root it trusts.
 *
 * <p>Keys are EC P-256 and signatures SHA256withECDSA, made with the JDK's own providers.
 *
 * <p>Not thread-safe: meant to be set up and used by the one thread that starts the emulator or a test.
 * Two processes minting into the same folder at once may overwrite each other's files.
 */
public final class EmulatorCertificates {

    static final String SERVER_ALIAS = "server";
    /** The names the server certificate is minted for unless others are given: this machine's loopback. */
    public static final List<String> DEFAULT_SERVER_NAMES = List.of("localhost", "127.0.0.1", "::1");

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorCertificates.class);

    private static final String ROOT_FILE = "ca.crt";
    private static final String INTERMEDIATE_FILE = "intermediate-ca.p12";
    private static final String SERVER_FILE = SERVER_ALIAS + ".p12";
    private static final String NO_CHAIN_SUFFIX = "-no-chain";
    private static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** RFC 5280's upper bound for a common name, which is where the client name ends up. */
    private static final int CLIENT_NAME_MAX_LENGTH = 64;
    /** Names whose files would overwrite the authority's or the server's. */
    private static final Set<String> RESERVED_NAMES = Set.of("ca", SERVER_ALIAS, "intermediate-ca");

    private final Path directory;
    private final char[] keyStorePassword;
    private final CertificateAuthority authority;
    private final CertificateMinter minter;

    private EmulatorCertificates(Path directory, char[] keyStorePassword, CertificateAuthority authority,
            CertificateMinter minter) {
        this.directory = directory;
        this.keyStorePassword = keyStorePassword;
        this.authority = authority;
        this.minter = minter;
    }

    /**
     * Reads the certificates from dir when present, mints what is missing (creating dir), for the given
     * client names.
     *
     * <p>An existing root and intermediate CA are always reused. The server's and each client's files are
     * reused when all are present and their certificate is currently valid and issued by that intermediate
     * CA; otherwise they are minted afresh, overwriting what was there.
     *
     * @param dir              the certificate folder, created when missing
     * @param clientNames      the clients to hold certificates for; each made of {@code [A-Za-z0-9._-]}
     *                         since it names files, and none of {@code ca}, {@code server},
     *                         {@code intermediate-ca}
     * @param keyStorePassword the password of every PKCS12 key store in the folder; copied
     * @return the certificates, all present on disk, the server's valid for {@link #DEFAULT_SERVER_NAMES}
     * @throws EmulatorCertificatesException when a client name is unusable, a key store does not open with
     *                                       the password, the files do not belong together, or the folder
     *                                       cannot be written; the message names the file
     */
    public static EmulatorCertificates loadOrMint(Path dir, Collection<String> clientNames,
            char[] keyStorePassword) {
        return loadOrMint(dir, DEFAULT_SERVER_NAMES, clientNames, keyStorePassword);
    }

    /**
     * As {@link #loadOrMint(Path, Collection, char[])}, with the server certificate valid for the given names:
     * each a DNS or an IP subject alternative name as it reads. An existing server certificate for other names
     * is minted afresh.
     *
     * @param serverNames the host names and IP addresses clients will reach the emulator under; at least one
     */
    public static EmulatorCertificates loadOrMint(Path dir, List<String> serverNames, Collection<String> clientNames,
            char[] keyStorePassword) {
        Objects.requireNonNull(serverNames, "serverNames");
        requireUsableServerNames(serverNames);
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(clientNames, "clientNames");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        clientNames.forEach(EmulatorCertificates::requireUsableClientName);
        createDirectories(dir);
        CertificateMinter minter = new CertificateMinter(Clock.systemUTC());
        CertificateAuthority authority = CertificateAuthority.loadOrMint(
                dir.resolve(ROOT_FILE), dir.resolve(INTERMEDIATE_FILE), keyStorePassword, minter);
        EmulatorCertificates certificates =
                new EmulatorCertificates(dir, keyStorePassword.clone(), authority, minter);
        certificates.reuseOrMintServer(List.copyOf(serverNames));
        clientNames.stream().distinct().forEach(certificates::reuseOrMintClient);
        return certificates;
    }

    /** @return the certificate folder, as given to {@link #loadOrMint} */
    public Path directory() {
        return directory;
    }

    /** @return {@code <dir>/ca.crt}: the root CA in PEM, the only certificate a peer needs to trust */
    public Path rootCertificateFile() {
        return directory.resolve(ROOT_FILE);
    }

    /** @return {@code <dir>/server.p12}: the server's key, certificate and intermediate CA, alias {@code server} */
    public Path serverKeyStoreFile() {
        return directory.resolve(SERVER_FILE);
    }

    /**
     * @param client a client name; need not have been minted yet
     * @return {@code <dir>/<client>.p12}: the client's key, certificate and intermediate CA, alias the name
     */
    public Path clientKeyStoreFile(String client) {
        return clientFile(client, ".p12");
    }

    /**
     * @param client a client name; need not have been minted yet
     * @return {@code <dir>/<client>.crt}: the client's certificate then the intermediate CA, in PEM
     */
    public Path clientCertificateFile(String client) {
        return clientFile(client, ".crt");
    }

    /**
     * @param client a client name; need not have been minted yet
     * @return {@code <dir>/<client>.key}: the client's private key, unencrypted PKCS#8 PEM
     *         ({@code BEGIN PRIVATE KEY})
     */
    public Path clientPrivateKeyFile(String client) {
        return clientFile(client, ".key");
    }

    /** @return the self-signed root CA certificate */
    public X509Certificate rootCertificate() {
        return authority.root();
    }

    /** @return the intermediate CA certificate, signed by the root, that signs server and client certificates */
    public X509Certificate intermediateCertificate() {
        return authority.intermediate();
    }

    /** @return a copy of the password of every key store in the folder */
    public char[] keyStorePassword() {
        return keyStorePassword.clone();
    }

    /**
     * Mints (or re-mints, overwriting) a client certificate with the given validity, e.g. an expired one
     * for tests; returns the .p12 path.
     *
     * <p>The {@code .crt} and {@code .key} files are rewritten too. A later {@link #loadOrMint} re-mints a
     * client whose certificate is not currently valid.
     *
     * @param client    the client name, which becomes the certificate's common name
     * @param notBefore the start of validity, taken as is (no clock-skew allowance)
     * @param notAfter  the end of validity, after notBefore; may be in the past
     * @return {@code <dir>/<client>.p12}
     */
    public Path mintClient(String client, Instant notBefore, Instant notAfter) {
        requireUsableClientName(client);
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (!notBefore.isBefore(notAfter)) {
            throw new EmulatorCertificatesException("cannot mint a certificate for client '" + client
                    + "' valid from " + notBefore + " to " + notAfter + ": notBefore must come before notAfter");
        }
        writeClient(client, minter.mintClient(authority, client, notBefore, notAfter));
        return clientKeyStoreFile(client);
    }

    /**
     * Writes dir/&lt;name&gt;-no-chain.p12 holding the client's key and leaf only, without the intermediate
     * (to prove the server refuses such a handshake).
     *
     * @param client a client already minted, whose {@code .p12} exists
     * @return {@code <dir>/<client>-no-chain.p12}, alias the client name, password the key store password
     */
    public Path clientKeyStoreWithoutIntermediate(String client) {
        Path fullChain = clientKeyStoreFile(client);
        if (!Files.exists(fullChain)) {
            throw new EmulatorCertificatesException(fullChain + " is missing: mint client '" + client
                    + "' first, with loadOrMint or mintClient");
        }
        KeyAndChain entry = KeyStoreFiles.read(fullChain, client, keyStorePassword);
        Path withoutIntermediate = clientFile(client, NO_CHAIN_SUFFIX + ".p12");
        KeyStoreFiles.write(withoutIntermediate, client, entry.withoutIssuers(), keyStorePassword);
        return withoutIntermediate;
    }

    private void reuseOrMintServer(List<String> serverNames) {
        Path file = serverKeyStoreFile();
        if (Files.exists(file) && isReusable(file, SERVER_ALIAS) && isFor(file, serverNames)) {
            return;
        }
        KeyStoreFiles.write(file, SERVER_ALIAS, minter.mintServer(authority, serverNames), keyStorePassword);
        LOG.info("Minted the server certificate for {} into {}", serverNames, file);
    }

    /** Whether the server certificate in the file carries exactly these alternative names. */
    private boolean isFor(Path serverKeyStore, List<String> serverNames) {
        X509Certificate leaf = KeyStoreFiles.read(serverKeyStore, SERVER_ALIAS, keyStorePassword).leaf();
        byte[] extension = leaf.getExtensionValue(Extension.subjectAlternativeName.getId());
        try {
            boolean same = extension != null && GeneralNames.getInstance(
                    JcaX509ExtensionUtils.parseExtensionValue(extension))
                    .equals(CertificateMinter.serverAlternativeNames(serverNames));
            if (!same) {
                LOG.info("{} is for other names than {}; minting it afresh", serverKeyStore, serverNames);
            }
            return same;
        } catch (IOException e) {
            throw new EmulatorCertificatesException(serverKeyStore + " holds a server certificate whose alternative"
                    + " names do not parse (" + e.getMessage() + "); delete it to have it minted again", e);
        }
    }

    private static void requireUsableServerNames(List<String> serverNames) {
        if (serverNames.isEmpty()) {
            throw new EmulatorCertificatesException("no server name given: the server certificate needs at least"
                    + " one host name or IP address, e.g. localhost");
        }
        for (String name : serverNames) {
            if (name == null || !ServerName.isIpAddress(name) && !ServerName.isDnsName(name)) {
                throw new EmulatorCertificatesException("the server name '" + name + "' is neither a DNS name nor"
                        + " an IP address: a certificate for it would be refused by every client");
            }
        }
    }

    private void reuseOrMintClient(String client) {
        Path keyStore = clientKeyStoreFile(client);
        boolean allPresent = Files.exists(keyStore)
                && Files.exists(clientCertificateFile(client))
                && Files.exists(clientPrivateKeyFile(client));
        if (allPresent && isReusable(keyStore, client)) {
            return;
        }
        writeClient(client, minter.mintClient(authority, client));
        LOG.info("Minted the certificate of client '{}' into {}", client, keyStore);
    }

    private void writeClient(String client, KeyAndChain entry) {
        KeyStoreFiles.write(clientKeyStoreFile(client), client, entry, keyStorePassword);
        PemFiles.writeCertificates(clientCertificateFile(client), entry.chain());
        PemFiles.writePrivateKey(clientPrivateKeyFile(client), entry.privateKey());
    }

    /**
     * Whether an existing key store can be kept. A wrong password fails rather than answers no: minting
     * afresh would silently replace files that a client may hold a copy of.
     */
    private boolean isReusable(Path keyStore, String alias) {
        KeyAndChain entry = KeyStoreFiles.read(keyStore, alias, keyStorePassword);
        Optional<String> unusable = whyUnusable(entry);
        unusable.ifPresent(reason -> LOG.warn("{} {}; minting it afresh", keyStore, reason));
        return unusable.isEmpty();
    }

    private Optional<String> whyUnusable(KeyAndChain entry) {
        X509Certificate leaf = entry.leaf();
        if (!authority.issued(leaf)) {
            return Optional.of("holds a certificate issued by another certificate authority than the one in "
                    + directory.resolve(INTERMEDIATE_FILE));
        }
        if (!entry.chain().equals(List.of(leaf, authority.intermediate()))) {
            return Optional.of("does not hold exactly its certificate followed by the intermediate CA");
        }
        try {
            leaf.checkValidity();
            return Optional.empty();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return Optional.of("holds a certificate valid only from " + leaf.getNotBefore().toInstant()
                    + " to " + leaf.getNotAfter().toInstant());
        }
    }

    private Path clientFile(String client, String extension) {
        requireUsableClientName(client);
        return directory.resolve(client + extension);
    }

    private static void requireUsableClientName(String client) {
        if (client == null || !CLIENT_NAME.matcher(client).matches()) {
            throw new EmulatorCertificatesException("the client name '" + client + "' cannot name certificate"
                    + " files: use letters, digits, '.', '_' and '-' only");
        }
        if (client.length() > CLIENT_NAME_MAX_LENGTH) {
            throw new EmulatorCertificatesException("the client name '" + client + "' is " + client.length()
                    + " characters long: a certificate's common name holds at most " + CLIENT_NAME_MAX_LENGTH);
        }
        String lowerCase = client.toLowerCase(Locale.ROOT);
        // Compared ignoring case since macOS and Windows file names are case-insensitive.
        if (RESERVED_NAMES.contains(lowerCase) || lowerCase.endsWith(NO_CHAIN_SUFFIX)) {
            throw new EmulatorCertificatesException("the client name '" + client + "' would overwrite the"
                    + " emulator's own files: choose a name other than " + RESERVED_NAMES
                    + " and not ending in '" + NO_CHAIN_SUFFIX + "'");
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new EmulatorCertificatesException("cannot create the certificate folder " + dir + ": " + e
                    + "; check the path and its permissions", e);
        }
    }
}
