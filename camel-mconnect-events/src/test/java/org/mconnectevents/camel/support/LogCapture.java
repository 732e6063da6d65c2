package org.mconnectevents.camel.support;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what one logger writes (through log4j2, the logging of these tests) while it is open, so that a test can
 * assert on the lines an operator would read.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Recorder recorder = new Recorder();

    private LogCapture(Class<?> loggingClass) {
        this.logger = (Logger) LogManager.getLogger(loggingClass);
        recorder.start();
        logger.addAppender(recorder);
    }

    /** Starts recording what the logger of this class writes. */
    public static LogCapture of(Class<?> loggingClass) {
        return new LogCapture(loggingClass);
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
