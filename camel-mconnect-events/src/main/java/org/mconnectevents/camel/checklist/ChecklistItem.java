package org.mconnectevents.camel.checklist;

/**
 * The items of the three checklists the operator of MConnect Events asks an integrator to meet before production
 * (general, producers, consumers), as this component can judge them from the application's routes, configuration and
 * traffic.
 */
public enum ChecklistItem {

    /** Base address and client certificate come from configuration, not from literals in a route's URI. */
    CONFIGURED_CONNECTION(Checklist.GENERAL, "base address and client certificate configurable"),
    /** The client sends its intermediate CA certificates in the TLS handshake. */
    INTERMEDIATES_SENT(Checklist.GENERAL, "intermediate certificates sent in the handshake"),
    /** Reminders before the client certificate expires. */
    CERTIFICATE_REMINDER(Checklist.GENERAL, "reminders before the certificate expires"),
    /** Staging and production use different certificates (and so different private keys). */
    CERTIFICATE_PER_ENVIRONMENT(Checklist.GENERAL, "private key different per environment"),
    /** The service admits only registered addresses: nothing a client can see. */
    STABLE_SOURCE_ADDRESS(Checklist.GENERAL, "stable source IP address"),

    /** Events reach the service through a transactional outbox and its relay. */
    OUTBOX(Checklist.PRODUCERS, "outbox pattern"),
    /** Every event's {@code source} is a URI. */
    SOURCE_URI(Checklist.PRODUCERS, "correct source URI"),
    /** No {@code id} is used twice by one source for different events. */
    UNIQUE_IDS(Checklist.PRODUCERS, "unique id per source"),
    /** The producer's clock, which fills {@code time}, agrees with the service's. */
    CONSISTENT_TIME(Checklist.PRODUCERS, "consistent time"),
    /** Partition keys vary: no one key carries most events. */
    VARIED_PARTITION_KEYS(Checklist.PRODUCERS, "varied partitionkey where order matters"),
    /** Events carry what the consumers' personal-data logging needs. */
    PERSONAL_DATA(Checklist.PRODUCERS, "enough data for personal data logging"),
    /** Events of at most 64 KB, requests of at most 1 MB. */
    SIZES(Checklist.PRODUCERS, "events at most 64 KB, batches at most 1 MB"),

    /** Events are confirmed, individually or periodically. */
    CONFIRMATION(Checklist.CONSUMERS, "confirm individually or periodically"),
    /** The consumer's effect happens once however often an event comes: an idempotent repository on the route. */
    IDEMPOTENT_CONSUMER(Checklist.CONSUMERS, "idempotent processing"),
    /** Events that can never be processed are reported dead. */
    DEAD_EVENTS_REPORTED(Checklist.CONSUMERS, "report dead events"),
    /** A technical failure leaves the event unconfirmed, never dead. */
    NEVER_DEAD_FOR_TECHNICAL_ERRORS(Checklist.CONSUMERS, "never dead for technical errors"),
    /** WebSocket, the transport the operator recommends; long polling is the fallback. */
    WEBSOCKET(Checklist.CONSUMERS, "use WebSocket"),
    /** The sessions of one client and group scale in divisors of 12. */
    SESSIONS_DIVIDE_12(Checklist.CONSUMERS, "scale in divisors of 12"),
    /** Consumers report whether they run: health checks, readiness only. */
    MONITORED(Checklist.CONSUMERS, "monitor that consumers run");

    /** The three checklists. */
    public enum Checklist {
        GENERAL, PRODUCERS, CONSUMERS
    }

    private final Checklist checklist;
    private final String title;

    ChecklistItem(Checklist checklist, String title) {
        this.checklist = checklist;
        this.title = title;
    }

    public Checklist checklist() {
        return checklist;
    }

    /** The item as the operator's checklist words it. */
    public String title() {
        return title;
    }
}
