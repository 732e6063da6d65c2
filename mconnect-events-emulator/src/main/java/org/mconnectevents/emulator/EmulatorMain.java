package org.mconnectevents.emulator;

import org.mconnectevents.emulator.config.ConfigException;
import org.mconnectevents.emulator.config.ConfigLoader;
import org.mconnectevents.emulator.config.EmulatorConfig;
import org.mconnectevents.emulator.tls.EmulatorCertificatesException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone emulator:
 * {@code java -jar mconnect-events-emulator.jar [--config FILE] [--port N] [--admin-port N] [--certs DIR]}.
 * Without {@code --config} it runs the built-in demo configuration. Serves until stopped (SIGTERM or Ctrl-C).
 */
public final class EmulatorMain {

    private static final String USAGE =
            "usage: java -jar mconnect-events-emulator.jar [--config FILE] [--port N] [--admin-port N] [--certs DIR]";

    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmulatorConfig config;
        try {
            config = configFrom(args);
        } catch (IllegalArgumentException | ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Emulator emulator;
        try {
            emulator = Emulator.start(config);
        } catch (ConfigException | EmulatorCertificatesException | IllegalStateException e) {
            System.err.println("the emulator could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        printAddresses(emulator, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "mconnect-events-emulator-shutdown"));
        stopped.await();
    }

    static EmulatorConfig configFrom(String[] args) {
        EmulatorConfig config = null;
        Integer port = null;
        Integer adminPort = null;
        Path certs = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--config" -> config = ConfigLoader.load(Path.of(value));
                case "--port" -> port = portNumber(option, value);
                case "--admin-port" -> adminPort = portNumber(option, value);
                case "--certs" -> certs = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        if (config == null) {
            config = ConfigLoader.demo();
        }
        if (port != null) {
            config = config.withPort(port);
        }
        if (adminPort != null) {
            config = config.withAdminPort(adminPort);
        }
        return certs == null ? config : config.withCerts(certs);
    }

    private static int portNumber(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below, which says what is expected
        }
        throw new IllegalArgumentException(option + " " + value + " is not a port number (0 picks a free port)");
    }

    static void printAddresses(Emulator emulator, PrintStream out) {
        out.println("MConnect Events emulator (" + emulator.config().source() + ")");
        out.println("  service base address : " + emulator.baseAddress());
        out.println("  WebSocket address    : " + emulator.webSocketAddress());
        out.println("  admin address        : " + emulator.adminAddress());
        out.println("  console              : " + emulator.consoleAddress());
        out.println("  certs folder         : " + emulator.certificates().directory().toAbsolutePath());
        out.println("  trust (root CA)      : " + emulator.trustedCertificate().toAbsolutePath());
        emulator.config().clients().forEach(client -> out.println("  client " + client.name() + " key store: "
                + emulator.clientKeyStore(client.name()).toAbsolutePath() + " (password in keyStorePassword)"));
        out.flush();
    }
}
