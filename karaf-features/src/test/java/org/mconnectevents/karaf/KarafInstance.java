package org.mconnectevents.karaf;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Apache Karaf, unpacked from its distribution archive into a work directory, started as a separate
 * process ({@code bin/karaf server}) and driven through its shell over SSH, as an operator would.
 *
 * <p>It listens on loopback only, on ports chosen free at start (SSH, RMI registry, RMI server), so that parallel
 * builds do not collide. It resolves {@code mvn:} URLs offline, from its own {@code system/} folder (where our
 * bundles are put, as this build made them) and from Maven's local repository, into which the build resolved every
 * other artifact it needs: nothing is downloaded by Karaf.
 *
 * <p>Its console output goes to {@code console.log} in the work directory, its log to
 * {@code home/data/log/karaf.log} ({@link KarafLogsOnFailure} prints both). Not thread-safe: one test thread
 * drives it.
 */
final class KarafInstance implements AutoCloseable {

    /** The artifacts of ours that our features install, as the reactor built them. */
    private static final List<String> OUR_BUNDLES = List.of("mconnect-events-client", "camel-mconnect-events",
            "camel-mconnect-events-jpa");

    private final Path workDirectory;
    private final Path home;
    private final int sshPort;
    private final KarafShell shell;
    private Process process;

    private KarafInstance(Path workDirectory, int sshPort) {
        this.workDirectory = workDirectory;
        this.home = workDirectory.resolve("home");
        this.sshPort = sshPort;
        this.shell = new KarafShell(sshPort);
    }

    /** {@link #start} with the distribution and the local Maven repository the build passes in. */
    static KarafInstance startFromTheBuild(Path workDirectory) throws IOException, InterruptedException {
        Map<String, Path> ourBundles = new LinkedHashMap<>();
        for (String artifact : OUR_BUNDLES) {
            ourBundles.put(artifact, Path.of(KarafBuild.property("mconnect.bundle." + artifact)));
        }
        return start(Path.of(KarafBuild.property("karaf.distribution")), workDirectory,
                Path.of(KarafBuild.property("maven.local.repository")), KarafBuild.projectVersion(), ourBundles);
    }

    /**
     * Unpacks the distribution afresh into {@code workDirectory/home} (a previous run's state is removed),
     * configures it and starts it; the shell may not answer yet, see {@link #awaitBooted(Duration)}.
     */
    static KarafInstance start(Path distribution, Path workDirectory, Path mavenLocalRepository, String version,
                               Map<String, Path> ourBundles) throws IOException, InterruptedException {
        deleteRecursively(workDirectory);
        Files.createDirectories(workDirectory.resolve("home"));
        run(List.of("tar", "-xzf", distribution.toString(), "--strip-components=1", "-C",
                workDirectory.resolve("home").toString()), workDirectory, Duration.ofSeconds(60));
        KarafInstance karaf = new KarafInstance(workDirectory, freePort());
        try {
            karaf.configure(mavenLocalRepository);
            karaf.putIntoSystem(version, ourBundles);
            karaf.launch();
            return karaf;
        } catch (IOException | RuntimeException e) {
            karaf.shell.close();
            throw e;
        }
    }

    Path consoleLog() {
        return workDirectory.resolve("console.log");
    }

    /** Waits until the shell answers and every boot feature is started. */
    void awaitBooted(Duration bound) {
        await("Karaf's shell answering with every boot feature started")
                .atMost(bound)
                .pollInterval(Duration.ofSeconds(1))
                .failFast("Karaf exited while booting, see " + consoleLog(), () -> !process.isAlive())
                .ignoreExceptions()
                .until(() -> {
                    List<List<String>> features = ShellTable.rows(shell("feature:list -i --no-format"));
                    return features.stream().anyMatch(row -> row.get(0).equals("kar"))
                            && features.stream().allMatch(row -> row.get(3).equals("Started"));
                });
    }

    /**
     * Runs one shell command and returns its output.
     *
     * @throws IllegalStateException when the command reports an error
     */
    String shell(String command) throws IOException {
        return shell.execute(command);
    }

    /** Adds Camel Karaf's features repository and ours, as a user does with {@code feature:repo-add}. */
    void addCamelKarafAndOurFeatures() throws IOException {
        shell("feature:repo-add " + KarafBuild.camelKarafFeaturesUrl());
        shell("feature:repo-add " + KarafBuild.ourFeaturesFile().toUri());
    }

    /** Stops Karaf (SIGTERM runs its shutdown hook), forcibly if it is still alive after 30 s. */
    @Override
    public void close() {
        shell.close();
        process.destroy();
        try {
            if (process.waitFor(30, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private void configure(Path mavenLocalRepository) throws IOException {
        Path etc = home.resolve("etc");
        // the shell's user: the distribution ships it commented out
        edit(etc.resolve("users.properties"), Map.of(
                "(?m)^#\\s*(karaf = karaf,_g_:admingroup)$", "$1",
                "(?m)^#\\s*(_g_\\\\:admingroup = .*)$", "$1"));
        // an EC host key: made at the first start, an RSA key takes seconds on a busy machine
        edit(etc.resolve("org.apache.karaf.shell.cfg"), Map.of(
                "(?m)^sshPort\\s*=.*$", "sshPort = " + sshPort,
                "(?m)^sshHost\\s*=.*$", "sshHost = 127.0.0.1",
                "(?m)^#\\s*algorithm\\s*=.*$", "algorithm = EC",
                "(?m)^#\\s*keySize\\s*=.*$", "keySize = 256"));
        edit(etc.resolve("org.apache.karaf.management.cfg"), Map.of(
                "(?m)^rmiRegistryPort\\s*=.*$", "rmiRegistryPort = " + freePort(),
                "(?m)^rmiServerPort\\s*=.*$", "rmiServerPort = " + freePort()));
        // offline: Karaf's own system/ folder, then what Maven resolved for the build; Karaf's own local
        // repository stays inside its data folder, so Maven's is only read
        Files.writeString(etc.resolve("org.ops4j.pax.url.mvn.cfg"), String.join("\n",
                "org.ops4j.pax.url.mvn.offline = true",
                "org.ops4j.pax.url.mvn.useFallbackRepositories = false",
                "org.ops4j.pax.url.mvn.localRepository = ${karaf.data}/repository",
                "org.ops4j.pax.url.mvn.repositories =",
                "org.ops4j.pax.url.mvn.defaultRepositories = "
                        + "${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots, "
                        + mavenLocalRepository.toUri() + "@id=maven.local.repository@snapshots",
                ""));
    }

    /**
     * Puts our bundles, as this build made them, into Karaf's {@code system/} folder at their {@code mvn:} location
     * ({@code org/mconnectevents/ARTIFACT/VERSION/ARTIFACT-VERSION.jar}): {@code mvn verify} installs nothing into
     * Maven's local repository, so our features' {@code mvn:org.mconnectevents/...} bundles are found only here.
     */
    private void putIntoSystem(String version, Map<String, Path> ourBundles) throws IOException {
        for (Map.Entry<String, Path> bundle : ourBundles.entrySet()) {
            Path folder = home.resolve("system/org/mconnectevents").resolve(bundle.getKey()).resolve(version);
            Files.createDirectories(folder);
            Files.copy(bundle.getValue(), folder.resolve(bundle.getKey() + "-" + version + ".jar"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", "bin/karaf", "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(consoleLog().toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // bin/karaf then execs the JVM: the process we hold is Karaf itself, and stopping it stops Karaf
        builder.environment().put("KARAF_EXEC", "exec");
        process = builder.start();
        // if the test JVM itself is stopped (a build timeout, Ctrl-C), Karaf must not outlive it
        Process karaf = process;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            karaf.descendants().forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
        }, "stop-karaf-with-the-test"));
    }

    private static void edit(Path file, Map<String, String> replacements) throws IOException {
        String text = Files.readString(file);
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            Matcher matcher = Pattern.compile(replacement.getKey()).matcher(text);
            if (!matcher.find()) {
                throw new IllegalStateException(file + " has no line matching " + replacement.getKey()
                        + ": the Karaf distribution changed, adapt the test's configuration");
            }
            text = matcher.replaceAll(replacement.getValue());
        }
        Files.writeString(file, text);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void run(List<String> command, Path directory, Duration timeout)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile(directory, "command-", ".out");
        try {
            Process started = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!started.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                started.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(command + " did not finish within " + timeout);
            }
            if (started.exitValue() != 0) {
                throw new IllegalStateException(command + " failed with " + started.exitValue() + ":\n"
                        + Files.readString(output));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
