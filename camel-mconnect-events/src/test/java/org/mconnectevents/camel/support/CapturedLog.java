package org.mconnectevents.camel.support;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Captures what one logger writes while it is open, so that a test can assert what an integrator reads in the log.
 * <pre>{@code
 * try (CapturedLog log = CapturedLog.of(MConnectEventsConsumer.class)) { ...; assertThat(log.warnings()).... }
 * }</pre>
 */
public final class CapturedLog implements AutoCloseable {

    private final String loggerName;
    private final Appender appender = new Appender();

    private CapturedLog(String loggerName) {
        this.loggerName = loggerName;
    }

    public static CapturedLog of(Class<?> loggingClass) {
        CapturedLog log = new CapturedLog(loggingClass.getName());
        log.appender.start();
        org.apache.logging.log4j.core.Logger logger = (org.apache.logging.log4j.core.Logger) LogManager.getLogger(loggingClass);
        logger.addAppender(log.appender);
        return log;
    }

    /** The messages logged at WARN, formatted. */
    public List<String> warnings() {
        return appender.events.stream().filter(event -> event.level == Level.WARN).map(Captured::message).toList();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        ((org.apache.logging.log4j.core.Logger) context.getLogger(loggerName)).removeAppender(appender);
        appender.stop();
    }

    private record Captured(Level level, String message) {
    }

    private static final class Appender extends AbstractAppender {
        private final List<Captured> events = new CopyOnWriteArrayList<>();

        Appender() {
            super("captured", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            events.add(new Captured(event.getLevel(), event.getMessage().getFormattedMessage()));
        }
    }
}
