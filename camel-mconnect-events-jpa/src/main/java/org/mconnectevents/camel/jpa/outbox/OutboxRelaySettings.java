package org.mconnectevents.camel.jpa.outbox;

import java.time.Duration;

/**
 * The settings of an {@link OutboxRelay}, as bean properties (so that Camel's YAML DSL, properties and the route
 * template set them by name). Durations are {@link Duration}s; in text, ISO-8601 ({@code PT5M}) or milliseconds.
 */
public final class OutboxRelaySettings {

    private String endpoint = "mconnect-events:events";
    private int lanesPerTransaction = 8;
    private int maxEventsPerTransaction = 5_000;
    private int maxEventsPerRequest = 1_000;
    private int maxRequestSize = 1024 * 1024;
    private Duration backOff = Duration.ofSeconds(1);
    private Duration maxBackOff = Duration.ofMinutes(1);
    private int maxParkedInARow = 20;
    private Duration retention = Duration.ofHours(120);
    private Duration purgeInterval = Duration.ofMinutes(10);
    private String parkedEndpoint;

    OutboxRelaySettings copy() {
        OutboxRelaySettings copy = new OutboxRelaySettings();
        copy.endpoint = endpoint;
        copy.lanesPerTransaction = lanesPerTransaction;
        copy.maxEventsPerTransaction = maxEventsPerTransaction;
        copy.maxEventsPerRequest = maxEventsPerRequest;
        copy.maxRequestSize = maxRequestSize;
        copy.backOff = backOff;
        copy.maxBackOff = maxBackOff;
        copy.maxParkedInARow = maxParkedInARow;
        copy.retention = retention;
        copy.purgeInterval = purgeInterval;
        copy.parkedEndpoint = parkedEndpoint;
        return copy;
    }

    /** The endpoint events are sent to (default {@code mconnect-events:events}); its options apply (TLS, address...). */
    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * How many lanes (of {@value Outbox#LANES}) one transaction locks (default 8). Relays working at once share the
     * lanes, so this bounds how many relays can work in parallel ({@value Outbox#LANES} / this).
     */
    public int getLanesPerTransaction() {
        return lanesPerTransaction;
    }

    public void setLanesPerTransaction(int lanesPerTransaction) {
        this.lanesPerTransaction = between(lanesPerTransaction, 1, Outbox.LANES, "lanesPerTransaction");
    }

    /** The most rows one transaction sends (default 5000): how long lanes stay locked. */
    public int getMaxEventsPerTransaction() {
        return maxEventsPerTransaction;
    }

    public void setMaxEventsPerTransaction(int maxEventsPerTransaction) {
        this.maxEventsPerTransaction = between(maxEventsPerTransaction, 1, 1_000_000, "maxEventsPerTransaction");
    }

    /** The most events in one request (default 1000); the request size limit applies as well. */
    public int getMaxEventsPerRequest() {
        return maxEventsPerRequest;
    }

    public void setMaxEventsPerRequest(int maxEventsPerRequest) {
        this.maxEventsPerRequest = between(maxEventsPerRequest, 1, 100_000, "maxEventsPerRequest");
    }

    /** The largest request body in bytes (default 1 MiB, the service's limit). */
    public int getMaxRequestSize() {
        return maxRequestSize;
    }

    public void setMaxRequestSize(int maxRequestSize) {
        this.maxRequestSize = between(maxRequestSize, 1024, 1024 * 1024, "maxRequestSize");
    }

    /** The first wait after a failed send (default 1 s); it doubles up to {@link #getMaxBackOff()}, with jitter. */
    public Duration getBackOff() {
        return backOff;
    }

    public void setBackOff(Duration backOff) {
        this.backOff = positive(backOff, "backOff");
    }

    /** The longest wait after failed sends (default 1 minute). */
    public Duration getMaxBackOff() {
        return maxBackOff;
    }

    public void setMaxBackOff(Duration maxBackOff) {
        this.maxBackOff = positive(maxBackOff, "maxBackOff");
    }

    /**
     * How many events refused for good in a row are parked before the relay takes it for a configuration error, stops
     * parking and backs off instead (default 20).
     */
    public int getMaxParkedInARow() {
        return maxParkedInARow;
    }

    public void setMaxParkedInARow(int maxParkedInARow) {
        this.maxParkedInARow = between(maxParkedInARow, 1, Integer.MAX_VALUE, "maxParkedInARow");
    }

    /** How long sent rows are kept before the purge deletes them (default 120 hours, as long as the service keeps events). */
    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        this.retention = positive(retention, "retention");
    }

    /** How often the relay purges sent rows (default 10 minutes). */
    public Duration getPurgeInterval() {
        return purgeInterval;
    }

    public void setPurgeInterval(Duration purgeInterval) {
        this.purgeInterval = positive(purgeInterval, "purgeInterval");
    }

    /** Where parked rows are reported (body: the event JSON; headers: ids and the error); none by default (a WARN log). */
    public String getParkedEndpoint() {
        return parkedEndpoint;
    }

    public void setParkedEndpoint(String parkedEndpoint) {
        this.parkedEndpoint = parkedEndpoint == null || parkedEndpoint.isBlank() ? null : parkedEndpoint;
    }

    private static int between(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("The outbox relay's " + name + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    private static Duration positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("The outbox relay's " + name + " must be a positive duration, not " + value);
        }
        return value;
    }
}
