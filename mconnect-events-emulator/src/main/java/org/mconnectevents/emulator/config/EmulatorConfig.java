package org.mconnectevents.emulator.config;

import org.mconnectevents.emulator.tls.EmulatorCertificates;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the emulator starts with. Read from YAML by {@link ConfigLoader}; the field names are the YAML
 * keys, a contract other tools rely on.
 *
 * @param host              address the service binds to (loopback by default)
 * @param port              HTTPS port of the service; 0 picks a free port
 * @param adminHost         address the admin API binds to; loopback by default because the admin API has no
 *                          authentication (anyone who reaches it can read events and reset the service)
 * @param adminPort         plain-HTTP admin port; 0 picks a free port
 * @param serverNames       the host names and IP addresses the minted server certificate is valid for, so that a
 *                          client checking host names accepts the emulator under any of them
 * @param certs             folder of minted certificates (written when missing, read when present)
 * @param keyStorePassword  password of every PKCS12 file in {@code certs}
 * @param partitions        partitions per consumer client and group
 * @param retention         how long events are kept
 * @param unconfirmedWindow unconfirmed events a session may hold before delivery waits for confirmations
 * @param pollTimeout       how long a long poll waits for an event before answering 204
 * @param instanceExpiry    a long-polling instance not polled for this long expires
 * @param maxEventSize      largest event, in bytes (64 KiB on the real service)
 * @param maxRequestSize    largest produce request, in bytes (1 MiB on the real service)
 * @param clients           the registered clients
 * @param faults            faults injected from the start
 * @param source            where this configuration came from, for messages
 */
public record EmulatorConfig(String host,
                             int port,
                             String adminHost,
                             int adminPort,
                             List<String> serverNames,
                             Path certs,
                             String keyStorePassword,
                             int partitions,
                             Duration retention,
                             int unconfirmedWindow,
                             Duration pollTimeout,
                             Duration instanceExpiry,
                             int maxEventSize,
                             int maxRequestSize,
                             List<ClientConfig> clients,
                             Faults faults,
                             String source) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final List<String> DEFAULT_SERVER_NAMES = EmulatorCertificates.DEFAULT_SERVER_NAMES;
    public static final int DEFAULT_PARTITIONS = 12;
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(120);
    public static final int DEFAULT_UNCONFIRMED_WINDOW = 1000;
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_INSTANCE_EXPIRY = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_EVENT_SIZE = 64 * 1024;
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

    public EmulatorConfig {
        serverNames = List.copyOf(serverNames);
        clients = List.copyOf(clients);
        faults = faults == null ? Faults.NONE : faults;
    }

    /** The client registered under this certificate common name. */
    public Optional<ClientConfig> client(String name) {
        return clients.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public EmulatorConfig withPort(int newPort) {
        return new EmulatorConfig(host, newPort, adminHost, adminPort, serverNames, certs, keyStorePassword, partitions, retention,
                unconfirmedWindow, pollTimeout, instanceExpiry, maxEventSize, maxRequestSize, clients, faults, source);
    }

    public EmulatorConfig withAdminPort(int newAdminPort) {
        return new EmulatorConfig(host, port, adminHost, newAdminPort, serverNames, certs, keyStorePassword, partitions, retention,
                unconfirmedWindow, pollTimeout, instanceExpiry, maxEventSize, maxRequestSize, clients, faults, source);
    }

    public EmulatorConfig withCerts(Path newCerts) {
        return new EmulatorConfig(host, port, adminHost, adminPort, serverNames, newCerts, keyStorePassword, partitions, retention,
                unconfirmedWindow, pollTimeout, instanceExpiry, maxEventSize, maxRequestSize, clients, faults, source);
    }

    public EmulatorConfig withFaults(Faults newFaults) {
        return new EmulatorConfig(host, port, adminHost, adminPort, serverNames, certs, keyStorePassword, partitions, retention,
                unconfirmedWindow, pollTimeout, instanceExpiry, maxEventSize, maxRequestSize, clients, newFaults, source);
    }
}
