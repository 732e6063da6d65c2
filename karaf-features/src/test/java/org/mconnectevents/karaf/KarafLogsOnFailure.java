package org.mconnectevents.karaf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the end of Karaf's console output and of its {@code karaf.log} when a test, or the set-up that boots
 * Karaf, fails: the reason a bundle did not resolve or a download failed is written there, not in the
 * assertion. The whole files stay under the work directory.
 */
final class KarafLogsOnFailure implements TestWatcher, LifecycleMethodExecutionExceptionHandler {

    private static final int TAIL_LINES = 80;

    private final Path workDirectory;

    KarafLogsOnFailure(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        printTails();
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        printTails();
        throw throwable;
    }

    private void printTails() {
        printTail(workDirectory.resolve("console.log"));
        printTail(workDirectory.resolve("home/data/log/karaf.log"));
    }

    private static void printTail(Path log) {
        if (!Files.exists(log)) {
            System.err.println("---- " + log + ": not written");
            return;
        }
        try {
            List<String> lines = Files.readAllLines(log);
            System.err.println("---- last " + TAIL_LINES + " lines of " + log);
            lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()).forEach(System.err::println);
        } catch (IOException e) {
            System.err.println("---- " + log + " could not be read: " + e);
        }
    }
}
