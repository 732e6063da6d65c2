package org.mconnectevents.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The service's clock as the {@code Date} headers of its answers show it, against this machine's. Producers fill the
 * {@code time} of their events from their own clock, and the operator asks that every producer of a source fill it
 * consistently: a machine whose clock drifts from the service's produces events that seem to come from the past or
 * the future. Whole seconds, as {@code Date} has them. Thread-safe: written by the client's event loops, read by anyone.
 */
public final class ServerClock {

    private final Clock local;
    /** The last answer's skew and when it was seen, as one value so that a reader never sees them mixed. */
    private volatile Reading last;
    /**
     * The last header read and the instant it says: {@code Date} changes once a second, so answers within the same
     * second reuse it instead of parsing it again (parsing costs more than the rest of a produce answer).
     */
    private volatile Parsed lastParsed;

    private record Parsed(String header, Instant instant) {
    }

    ServerClock(Clock local) {
        this.local = local;
    }

    /** What one answer showed: the service's clock minus this machine's, when it arrived. */
    public record Reading(Duration skew, Instant seenAt) {
    }

    /** An answer arrived with this {@code Date} header (or none). A header that cannot be read is ignored. */
    void observe(String dateHeader) {
        if (dateHeader == null) {
            return;
        }
        try {
            Parsed parsed = lastParsed;
            if (parsed == null || !parsed.header().equals(dateHeader)) {
                parsed = new Parsed(dateHeader, ZonedDateTime.parse(dateHeader, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                lastParsed = parsed;
            }
            Instant service = parsed.instant();
            Instant now = local.instant();
            last = new Reading(Duration.between(now, service), now);
        } catch (DateTimeParseException unreadable) {
            // a service without a usable clock header tells us nothing about its clock; that is no reason to fail a produce
        }
    }

    /**
     * The last answer's reading: positive when the service's clock is ahead of this machine's. Empty before the first
     * answer with a {@code Date} header. Since {@code Date} has whole seconds, a reading within one second of zero
     * means the clocks agree.
     */
    public Optional<Reading> lastReading() {
        return Optional.ofNullable(last);
    }
}
