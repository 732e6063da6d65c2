package org.mconnectevents.soak.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One operating-system process the driver started: its command, and its output appended to a log file of its own
 * (every start of the same process appends to the same file). Used from the driver's threads; the process handle and
 * the end flag are guarded by this object's lock, so a start racing the end of the soak is killed or never happens.
 */
final class SoakProcess {

    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;
    private int starts;
    /** Set once the soak ends: the chaos thread, still running in a shutdown, must not start the process again. */
    private boolean ended;

    SoakProcess(String name, List<String> command, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
    }

    String name() {
        return name;
    }

    synchronized void start() {
        if (ended) {
            return;
        }
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running already");
        }
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            starts++;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + " (" + command.get(0) + ")", e);
        }
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, then waits (bounded) until the process is gone. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(30);
    }

    /**
     * SIGKILL without waiting, for the end of a soak: every process of the soak is killed at once, then awaited
     * ({@link #awaitGone()}); nothing of theirs needs a graceful stop.
     */
    synchronized void killNow() {
        ended = true;
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** Waits (bounded) until the process is gone. */
    synchronized boolean awaitGone() {
        return process == null || awaitExit(30);
    }

    synchronized int starts() {
        return starts;
    }

    private boolean awaitExit(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
