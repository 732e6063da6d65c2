package org.mconnectevents.soak.driver;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.mconnectevents.soak.app.ConsumerApplication;
import org.mconnectevents.soak.app.ProducerApplication;

/**
 * The processes of one soak: the standalone emulator, the producers and the consumers, each a JVM of its own with its
 * log under the work folder. Kills and restarts come from the chaos thread, the final stop from the driver's finally
 * block or its shutdown hook; the lists are fixed once started, each process guards its own handle.
 */
final class SoakCluster {

    static final String PRODUCER_CLIENT = "soak-producer";
    static final String CONSUMER_CLIENT = "soak-consumer";
    private static final String KEY_STORE_PASSWORD = "soak-changeit";

    private final SoakOptions options;
    private final PostgreSql database;
    private final Path work;
    private final int servicePort = freePort();
    private final int adminPort = freePort();
    private final List<SoakProcess> producers = new ArrayList<>();
    private final List<Integer> producerPorts = new ArrayList<>();
    private final List<SoakProcess> consumers = new ArrayList<>();
    private SoakProcess emulator;

    SoakCluster(SoakOptions options, PostgreSql database) {
        this.options = options;
        this.database = database;
        this.work = options.work().toAbsolutePath();
    }

    EmulatorAdmin admin() {
        return new EmulatorAdmin(adminPort);
    }

    /** Starts the emulator and waits (bounded) until its admin API answers. */
    void startEmulator() throws IOException {
        Path config = work.resolve("emulator.yaml");
        try (InputStream in = SoakCluster.class.getResourceAsStream("/org/mconnectevents/soak/emulator.yaml")) {
            Files.write(config, in.readAllBytes());
        }
        if (!Files.isRegularFile(options.emulatorJar())) {
            throw new IOException("the standalone emulator " + options.emulatorJar() + " is missing: build it first "
                    + "(mvn -pl soak -am ... builds it with the soak)");
        }
        emulator = new SoakProcess("emulator", List.of(java(), "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                options.emulatorJar().toAbsolutePath().toString(), "--config", config.toString(), "--port",
                String.valueOf(servicePort), "--admin-port", String.valueOf(adminPort), "--certs",
                work.resolve("certs").toString()), work.resolve("emulator.log"));
        emulator.start();
        EmulatorAdmin admin = admin();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            try {
                admin.state();
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !emulator.alive()) {
                    throw new IOException("the emulator did not answer on its admin port within 120 s; see "
                            + work.resolve("emulator.log"), notYet);
                }
                PostgreSql.pause(Duration.ofMillis(250));
            }
        }
    }

    void startProducers() {
        for (int i = 1; i <= options.producers(); i++) {
            int port = freePort();
            producerPorts.add(port);
            SoakProcess producer = application("producer-" + i, ProducerApplication.class, PRODUCER_CLIENT,
                    List.of("-Dsoak.http.port=" + port));
            producers.add(producer);
            producer.start();
        }
    }

    void startConsumers() {
        int sessions = 12 / options.consumers();
        for (int i = 1; i <= options.consumers(); i++) {
            // the first consumer polls (unless told otherwise), the others use WebSocket
            String transport = i == 1 && options.longPolling() ? "longpolling" : "websocket";
            SoakProcess consumer = application("consumer-" + i, ConsumerApplication.class, CONSUMER_CLIENT,
                    List.of("-Dsoak.transport=" + transport, "-Dsoak.sessions=" + sessions, "-Dsoak.parallelism=4"));
            consumers.add(consumer);
            consumer.start();
        }
    }

    /** The producer on this port, when it is not running (it exited while starting: see its log). */
    Optional<String> exitedProducer(int port) {
        int index = producerPorts.indexOf(port);
        SoakProcess producer = producers.get(index);
        return producer.alive() ? Optional.empty()
                : Optional.of(producer.name() + " exited; see " + work.resolve(producer.name() + ".log"));
    }

    List<Integer> producerPorts() {
        return producerPorts;
    }

    /** SIGKILLs one producer or consumer at random and starts it again; returns its name. */
    String killOneAndRestart(Random random) {
        List<SoakProcess> candidates = new ArrayList<>(producers);
        candidates.addAll(consumers);
        SoakProcess victim = candidates.get(random.nextInt(candidates.size()));
        victim.kill();
        victim.start();
        return victim.name();
    }

    /** Restarts every application that is not running (one that exited on its own is a finding, reported). */
    List<String> restartExited() {
        List<String> exited = new ArrayList<>();
        for (SoakProcess process : applications()) {
            if (!process.alive()) {
                exited.add(process.name());
                process.start();
            }
        }
        return exited;
    }

    /**
     * Stops every process this soak started, all at once with SIGKILL (a graceful stop could hang on a loaded machine,
     * and the soak's processes have nothing to save), then waits for each (bounded); safe to call twice.
     */
    void stopAll() {
        List<SoakProcess> all = applications();
        if (emulator != null) {
            all.add(emulator);
        }
        all.forEach(SoakProcess::killNow);
        for (SoakProcess process : all) {
            if (!process.awaitGone()) {
                System.err.println("soak: " + process.name() + " did not end within 30 s of SIGKILL");
            }
        }
    }

    private List<SoakProcess> applications() {
        List<SoakProcess> all = new ArrayList<>(producers);
        all.addAll(consumers);
        return all;
    }

    private SoakProcess application(String name, Class<?> main, String client, List<String> settings) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.jboss.logging.provider=slf4j",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dsoak.name=" + name,
                "-Dsoak.jdbc.url=" + database.url(),
                "-Dsoak.base-address=https://127.0.0.1:" + servicePort + "/",
                "-Dsoak.key-store=" + work.resolve("certs").resolve(client + ".p12"),
                "-Dsoak.key-store-password=" + KEY_STORE_PASSWORD,
                "-Dsoak.trust-store=" + work.resolve("certs").resolve("ca.crt")));
        command.addAll(settings);
        command.addAll(List.of("-cp", applicationClassPath(), main.getName()));
        return new SoakProcess(name, command, work.resolve(name + ".log"));
    }

    /** This JVM's class path less the standalone emulator, which the applications must not see. */
    private static String applicationClassPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank() && !entry.contains("mconnect-events-emulator"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    int starts() {
        return applications().stream().mapToInt(SoakProcess::starts).sum();
    }
}
