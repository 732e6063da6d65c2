package org.mconnectevents.camel.support;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what one logger, or every logger, writes (through log4j2, the logging of these tests) while it is open, so
 * that a test can assert on the lines an operator would read, stack traces included.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Recorder recorder = new Recorder();

    private LogCapture(Logger logger) {
        this.logger = logger;
        recorder.start();
        logger.addAppender(recorder);
    }

    /** Starts recording what the logger of this class writes. */
    public static LogCapture of(Class<?> loggingClass) {
        return new LogCapture((Logger) LogManager.getLogger(loggingClass));
    }

    /**
     * Starts recording every line that reaches the root logger at the levels the test configuration lets through,
     * whoever writes it: ours, Camel's error handlers, Vert.x.
     */
    public static LogCapture everything() {
        return new LogCapture((Logger) LogManager.getRootLogger());
    }

    /** The messages logged at WARN so far, formatted, oldest first. */
    public List<String> warnings() {
        return messages(Level.WARN);
    }

    /** The messages logged at this level so far, formatted, oldest first. */
    public List<String> messages(Level level) {
        return recorder.events.stream().filter(event -> event.getLevel() == level)
                .map(event -> event.getMessage().getFormattedMessage()).toList();
    }

    /** The messages logged at WARN or more severe so far, formatted, oldest first. */
    public List<String> warningsOrWorse() {
        return recorder.events.stream().filter(event -> event.getLevel().isMoreSpecificThan(Level.WARN))
                .map(event -> event.getMessage().getFormattedMessage()).toList();
    }

    /** How many of the lines logged so far carry a stack trace. */
    public long stackTraces() {
        return recorder.events.stream().filter(event -> event.getThrown() != null).count();
    }

    /**
     * Every line logged so far as an operator reads it, at any level: the message, then the stack trace with the
     * message of each exception in it.
     */
    public List<String> written() {
        return recorder.events.stream().map(LogCapture::written).toList();
    }

    private static String written(LogEvent event) {
        if (event.getThrown() == null) {
            return event.getMessage().getFormattedMessage();
        }
        StringWriter trace = new StringWriter();
        event.getThrown().printStackTrace(new PrintWriter(trace));
        return event.getMessage().getFormattedMessage() + System.lineSeparator() + trace;
    }

    @Override
    public void close() {
        logger.removeAppender(recorder);
        recorder.stop();
    }

    private static final class Recorder extends AbstractAppender {
        private final List<LogEvent> events = new CopyOnWriteArrayList<>();

        Recorder() {
            super("LogCapture", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            events.add(event.toImmutable());
        }
    }
}
