package org.mconnectevents.karaf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * Karaf's shell over its SSH port, as {@code ssh -p PORT karaf@127.0.0.1 COMMAND} would run it: a session for
 * each command (Karaf ends the session when the command ends). Much cheaper than starting {@code bin/client},
 * a JVM, for every command. Not thread-safe: one test thread drives it.
 */
final class KarafShell implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*m");

    private final SshClient client;
    private final int sshPort;

    /** A shell on the Karaf listening on {@code sshPort} of the loopback interface. */
    KarafShell(int sshPort) {
        this.sshPort = sshPort;
        client = SshClient.setUpDefaultClient();
        // the Karaf under test made its host key at its first start, moments ago: nothing to check it against
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    /**
     * Runs one command and returns what it printed, ANSI colours removed.
     *
     * @throws IllegalStateException when the command fails (exit status, or Karaf's error message)
     */
    String execute(String command) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Integer exitStatus;
        try (ClientSession session = login(); ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(output);
            channel.setErr(output);
            channel.open().verify(COMMAND_TIMEOUT);
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), COMMAND_TIMEOUT);
            if (!events.contains(ClientChannelEvent.CLOSED)) {
                throw new IllegalStateException("Karaf's shell did not finish '" + command + "' within "
                        + COMMAND_TIMEOUT + ":\n" + output.toString(StandardCharsets.UTF_8));
            }
            exitStatus = channel.getExitStatus();
        }
        String printed = ANSI_ESCAPE.matcher(output.toString(StandardCharsets.UTF_8)).replaceAll("");
        if ((exitStatus != null && exitStatus != 0) || printed.contains("Error executing command")) {
            throw new IllegalStateException("Karaf's shell failed on '" + command + "' (exit status " + exitStatus
                    + "):\n" + printed);
        }
        return printed;
    }

    /** Logs in as the {@code karaf} user; fails while Karaf's SSH server is not up yet. */
    private ClientSession login() throws IOException {
        ClientSession session = client.connect("karaf", "127.0.0.1", sshPort)
                .verify(Duration.ofSeconds(10)).getSession();
        try {
            session.addPasswordIdentity("karaf");
            session.auth().verify(Duration.ofSeconds(10));
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public void close() {
        client.stop();
    }
}
