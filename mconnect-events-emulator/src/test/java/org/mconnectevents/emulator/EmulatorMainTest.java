package org.mconnectevents.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mconnectevents.emulator.support.ClientTls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone emulator as its users run it, in a JVM of its own: {@code EmulatorMain [--config FILE]
 * [--port N] [--admin-port N] [--certs DIR]} prints where it serves, serves, and stops cleanly on SIGTERM; a
 * wrong configuration stops it with a message naming the file.
 */
class EmulatorMainTest {

    private static final Duration START_BOUND = Duration.ofSeconds(60);
    private static final long STOP_BOUND_SECONDS = 15;

    @TempDir
    Path folder;

    private Process process;

    @AfterEach
    void stopTheChildJvm() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(STOP_BOUND_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void printsItsAddressesServesAndStopsCleanlyOnSigterm() throws Exception {
        Path certs = folder.resolve("certs");
        process = emulatorMain("--port", "0", "--admin-port", "0", "--certs", certs.toString());
        List<String> output = readLinesOf(process);

        await().atMost(START_BOUND).until(() -> printed(output, "certs folder").isPresent() || !process.isAlive());
        assertThat(process.isAlive()).as("still running; printed: %s; errors: %s", output, errors()).isTrue();
        URI base = URI.create(printed(output, "service base address").orElseThrow());
        URI admin = URI.create(printed(output, "admin address").orElseThrow());
        assertThat(base.toString()).matches("https://127\\.0\\.0\\.1:\\d+/");
        assertThat(admin.toString()).matches("http://127\\.0\\.0\\.1:\\d+/");
        assertThat(Path.of(printed(output, "certs folder").orElseThrow())).isEqualTo(certs.toAbsolutePath());
        URI console = URI.create(printed(output, "console").orElseThrow());
        assertThat(console).isEqualTo(admin.resolve("console/"));
        HttpResponse<String> page = get(console);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>MConnect Events emulator</title>", "console.js");
        assertThat(get(admin.resolve("emulator/overview")).body())
                .contains("\"name\":\"demo-producer\"", "\"name\":\"demo-consumer\"");

        HttpResponse<String> produced = produceOneDemoEvent(base, certs);
        assertThat(produced.statusCode()).as(produced.body()).isEqualTo(202);
        assertThat(get(admin.resolve("emulator/state")).body()).contains("\"produced\":1");

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(STOP_BOUND_SECONDS, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
    }

    @Test
    void aWrongConfigurationFileStopsItWithAMessageNamingTheFile() throws Exception {
        Path config = Files.writeString(folder.resolve("wrong.yaml"), "porrt: 8443\n");

        process = emulatorMain("--config", config.toString(), "--certs", folder.resolve("certs").toString());

        assertThat(process.waitFor(START_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(errors()).contains(config.toString(), "porrt", "unknown key");
    }

    @Test
    void aMissingConfigurationFileStopsIt() throws Exception {
        Path config = folder.resolve("nowhere.yaml");

        process = emulatorMain("--config", config.toString());

        assertThat(process.waitFor(START_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(errors()).contains(config + ": no such configuration file");
    }

    @Test
    void anUnknownOptionStopsItWithTheUsage() throws Exception {
        process = emulatorMain("--prot", "8443");

        assertThat(process.waitFor(START_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(errors()).contains("unknown option --prot", "usage: java -jar mconnect-events-emulator.jar");
    }

    private Process emulatorMain(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", // a short-lived JVM: starting fast matters more than peak speed
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"),
                EmulatorMain.class.getName()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectError(folder.resolve("stderr.txt").toFile())
                .start();
    }

    /** Collects the child's standard output, line by line, as it comes. */
    private static List<String> readLinesOf(Process child) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (IOException e) {
                lines.add("(reading failed: " + e + ")");
            }
        }, "emulator-main-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** The value printed after {@code label :}, e.g. {@code "  admin address        : http://..."}. */
    private static Optional<String> printed(List<String> output, String label) {
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(label) + "\\s*:\\s*(\\S+)\\s*$");
        synchronized (output) {
            for (String printed : output) {
                Matcher matcher = line.matcher(printed);
                if (matcher.matches()) {
                    return Optional.of(matcher.group(1));
                }
            }
        }
        return Optional.empty();
    }

    private String errors() throws IOException {
        Path stderr = folder.resolve("stderr.txt");
        return Files.exists(stderr) ? Files.readString(stderr) : "";
    }

    /** The demo configuration's producer, with the certificate the emulator minted into the certs folder. */
    private static HttpResponse<String> produceOneDemoEvent(URI base, Path certs) {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(ClientTls.trustingOnly(certs.resolve("ca.crt"),
                        ClientTls.keyManager(certs.resolve("demo-producer.p12"), "changeit".toCharArray())))
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        return send(client, HttpRequest.newBuilder(base.resolve("ce/produce/event"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"specversion":"1.0","id":"main-1","source":"urn:asp","type":"ASP.RST.VP.Invalidated",
                         "data":{"vp":"AB123"}}"""))
                .build());
    }

    private static HttpResponse<String> get(URI uri) {
        return send(HttpClient.newHttpClient(), HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build());
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
