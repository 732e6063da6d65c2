package org.mconnectevents.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.mconnectevents.emulator.config.ConfigLoader;
import org.mconnectevents.emulator.config.EmulatorConfig;
import org.mconnectevents.emulator.config.Faults;
import org.mconnectevents.emulator.event.Injection;
import org.mconnectevents.emulator.event.TypeSchemas;
import org.mconnectevents.emulator.server.FaultInjector;
import org.mconnectevents.emulator.tls.EmulatorCertificates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An MConnect Events emulator running in this JVM: the service on HTTPS with mutual TLS, and the admin API.
 * <pre>{@code
 * try (Emulator emulator = Emulator.builder().configFile(Path.of("emulator.yaml")).start()) {
 *     URI base = emulator.baseAddress();                       // https://127.0.0.1:<port>/
 *     Path keyStore = emulator.clientKeyStore("demo-consumer"); // PKCS12, password keyStorePassword()
 * }
 * }</pre>
 * The builder picks free ports and a temporary certificate folder unless told otherwise. Methods are safe to
 * call from any thread; the state they read belongs to the emulator's own Vert.x context.
 */
public final class Emulator implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    private final EmulatorConfig config;
    private final EmulatorCertificates certificates;
    private final FaultInjector faults;
    private final Vertx vertx;
    private final EmulatorVerticle verticle;
    private final Context context;
    private final Path temporaryCerts;

    private Emulator(EmulatorConfig config, EmulatorCertificates certificates, Vertx vertx, EmulatorVerticle verticle,
                     FaultInjector faults, Path temporaryCerts) {
        this.config = config;
        this.certificates = certificates;
        this.vertx = vertx;
        this.verticle = verticle;
        this.context = verticle.ownContext();
        this.faults = faults;
        this.temporaryCerts = temporaryCerts;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The REST base address, e.g. {@code https://127.0.0.1:8443/}. */
    public URI baseAddress() {
        return URI.create("https://" + publicHost() + ":" + verticle.service.port() + "/");
    }

    /** The WebSocket base address, e.g. {@code wss://127.0.0.1:8443/}. */
    public URI webSocketAddress() {
        return URI.create("wss://" + publicHost() + ":" + verticle.service.port() + "/");
    }

    /** The admin API's address (plain HTTP, on {@code adminHost}: loopback unless configured otherwise). */
    public URI adminAddress() {
        return URI.create("http://" + reachable(config.adminHost()) + ":" + verticle.admin.port() + "/");
    }

    /** The web console's address, on the admin port: {@code http://127.0.0.1:8081/console/}. */
    public URI consoleAddress() {
        return adminAddress().resolve("console/");
    }

    public int port() {
        return verticle.service.port();
    }

    public EmulatorConfig config() {
        return config;
    }

    /** The minted (or loaded) certificates: root CA file, client key stores, PEM files. */
    public EmulatorCertificates certificates() {
        return certificates;
    }

    /** The client's PKCS12 key store (key, leaf and intermediate), password {@link #keyStorePassword()}. */
    public Path clientKeyStore(String client) {
        return certificates.clientKeyStoreFile(client);
    }

    /** The root CA certificate (PEM) a client must trust to reach this emulator. */
    public Path trustedCertificate() {
        return certificates.rootCertificateFile();
    }

    public String keyStorePassword() {
        return config.keyStorePassword();
    }

    public Faults faults() {
        return faults.current();
    }

    /** Replaces the injected faults. */
    public void setFaults(Faults newFaults) {
        faults.set(newFaults);
    }

    public void clearFaults() {
        faults.set(Faults.NONE);
    }

    /** The same JSON as {@code GET /emulator/state}. */
    public ObjectNode state() {
        return onContext(() -> verticle.broker.state());
    }

    /** The dead events a client reported, as JSON. */
    public ArrayNode deadEvents(String client) {
        return onContext(() -> verticle.broker.deadEvents(client));
    }

    /** The service-side personal-data processing log of a consumer, as JSON. */
    public ArrayNode personalDataLog(String client) {
        return onContext(() -> verticle.broker.personalDataLog(client));
    }

    /**
     * Puts a frame into a consumer client's stream as if it had been produced (see {@link Injection}), e.g. a poison
     * event between good ones on the same partition key; returns the partition it went to.
     *
     * @throws IllegalArgumentException when no such client is configured, or the frame cannot be injected so
     */
    public int inject(String client, Injection injection) {
        return onContext(() -> verticle.broker.inject(client, injection));
    }

    /** Closes every consumer session; unconfirmed events will be delivered again. Returns how many. */
    public int dropSessions() {
        return onContext(() -> verticle.service.dropSessions());
    }

    /** Forgets all events, closes all sessions and clears the faults. */
    public void reset() {
        onContext(() -> {
            verticle.service.dropSessions();
            verticle.broker.reset();
            faults.set(Faults.NONE);
            return null;
        });
    }

    @Override
    public void close() {
        await(vertx.close().toCompletionStage().toCompletableFuture(), "stopping the emulator");
        if (temporaryCerts != null) {
            deleteRecursively(temporaryCerts);
        }
    }

    private String publicHost() {
        return reachable(config.host());
    }

    /** A wildcard bind address is reached through loopback from this machine. */
    private static String reachable(String bindHost) {
        return bindHost.equals("0.0.0.0") || bindHost.equals("::") ? "127.0.0.1" : bindHost;
    }

    private <T> T onContext(Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return await(result, "reading the emulator's state");
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " took over " + TIMEOUT_SECONDS + " s", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }

    /** Configures and starts an {@link Emulator}. */
    public static final class Builder {
        private EmulatorConfig config;
        private Integer port = 0;
        private Integer adminPort = 0;
        private Path certs;
        private Faults faults;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** A configuration object; without one the built-in demo configuration is used. */
        public Builder config(EmulatorConfig value) {
            this.config = value;
            return this;
        }

        /** A YAML configuration file (the format of the standalone emulator). */
        public Builder configFile(Path file) {
            return config(ConfigLoader.load(file));
        }

        /** YAML configuration text; relative schema paths resolve against the working directory. */
        public Builder configYaml(String yaml) {
            return config(ConfigLoader.fromYaml(yaml, Path.of(".")));
        }

        /** The HTTPS port; 0 (the default here) picks a free one. {@code null} keeps the configuration's. */
        public Builder port(Integer value) {
            this.port = value;
            return this;
        }

        /** The admin port; 0 (the default here) picks a free one. {@code null} keeps the configuration's. */
        public Builder adminPort(Integer value) {
            this.adminPort = value;
            return this;
        }

        /** Where certificates are read or minted; by default a temporary folder deleted on close. */
        public Builder certs(Path value) {
            this.certs = value;
            return this;
        }

        /** Faults injected from the start (replacing the configuration's). */
        public Builder faults(Faults value) {
            this.faults = value;
            return this;
        }

        /** The clock of the service (for retention and {@code time} checks). */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Mints or loads the certificates, binds both ports and starts serving. */
        public Emulator start() {
            EmulatorConfig effective = config == null ? ConfigLoader.demo() : config;
            Path temporary = null;
            if (certs != null) {
                effective = effective.withCerts(certs);
            } else {
                temporary = createTemporaryCerts();
                effective = effective.withCerts(temporary);
            }
            if (port != null) {
                effective = effective.withPort(port);
            }
            if (adminPort != null) {
                effective = effective.withAdminPort(adminPort);
            }
            if (faults != null) {
                effective = effective.withFaults(faults);
            }
            return Emulator.start(effective, clock, temporary);
        }

        private static Path createTemporaryCerts() {
            try {
                return Files.createTempDirectory("mconnect-events-emulator-certs");
            } catch (IOException e) {
                throw new UncheckedIOException("could not create a temporary certificate folder", e);
            }
        }
    }

    /** Starts an emulator exactly as configured (ports and certs folder included). */
    public static Emulator start(EmulatorConfig config) {
        return start(config, Clock.systemUTC(), null);
    }

    private static Emulator start(EmulatorConfig config, Clock clock, Path temporaryCerts) {
        try {
            return startWith(config, clock, temporaryCerts);
        } catch (RuntimeException e) {
            // nobody else will delete the folder the builder created for this emulator
            if (temporaryCerts != null) {
                deleteRecursively(temporaryCerts);
            }
            throw e;
        }
    }

    private static Emulator startWith(EmulatorConfig config, Clock clock, Path temporaryCerts) {
        // the schemas first: a wrong schema stops start-up before certificates are minted
        TypeSchemas schemas = new TypeSchemas(config);
        EmulatorCertificates certificates = EmulatorCertificates.loadOrMint(config.certs(), config.serverNames(),
                config.clients().stream().map(c -> c.name()).toList(), config.keyStorePassword().toCharArray());
        FaultInjector faults = new FaultInjector(config.faults());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
        EmulatorVerticle verticle = new EmulatorVerticle(config, certificates, schemas, faults, clock);
        try {
            await(vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture(), "starting the emulator");
        } catch (RuntimeException e) {
            vertx.close();
            throw new IllegalStateException("the emulator could not start on " + config.host() + ":" + config.port()
                    + " (admin port " + config.adminPort() + "): " + e.getMessage(), e);
        }
        return new Emulator(config, certificates, vertx, verticle, faults, temporaryCerts);
    }
}
