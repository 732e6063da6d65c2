package org.mconnectevents.camel.jpa.outbox;

import io.cloudevents.CloudEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.mconnectevents.camel.MConnectEventsEndpoint;
import org.mconnectevents.client.Redaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Sends the outbox: reads pending rows in creation order, sends them as batches within the size limits to
 * {@code mconnect-events:events}, and marks them sent in the same transaction.
 * <ul>
 * <li><b>Several relays at once</b> (on PostgreSQL): each transaction locks some lanes ({@code FOR UPDATE SKIP LOCKED}) and
 * sends only their rows. All rows of a partition key are in one lane, so one key is only ever sent by one transaction
 * at a time, in order. A relay that dies mid-batch has its transaction rolled back: its rows stay pending and are sent
 * again (a consumer may see them twice, never zero times).</li>
 * <li><b>Service unavailable</b> (5xx, timeouts, connection failures): the rows of the failed batch get
 * {@code attempts + 1} and {@code last_error}, stay pending, and the relay backs off exponentially with jitter. A
 * database failure rolls the transaction back (nothing is recorded in the rows; the log and {@link #getLastError()}
 * say it) and backs off the same way.</li>
 * <li><b>Refused for good</b> (4xx, or our own checks): the batch is halved until the refused events are found; each is
 * parked with its error and, once committed, reported (log, and {@code parkedEndpoint} when set); later rows of its
 * partition key wait behind it until an operator releases it ({@link OutboxOperations}); everything else goes on. A
 * row whose stored event cannot be read is parked the same way. After {@code maxParkedInARow} refusals with no event
 * stored between them, the relay parks no more and backs off until the service stores an event again.</li>
 * <li><b>Purge</b>: rows sent longer than {@code retention} ago are deleted.</li>
 * </ul>
 * A relay is driven by a timer route ({@link OutboxRelayRoutes}); each tick drains what is pending. One relay is used
 * by one thread at a time (the timer's). Its transactions are its own, on connections of the DataSource, unless it is
 * given the application's Spring transaction manager ({@link #of(CamelContext, DataSource, OutboxRelaySettings,
 * PlatformTransactionManager)}).
 */
public final class OutboxRelay implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration DRAIN_BUDGET = Duration.ofSeconds(2);
    private static final int PURGE_CHUNK = 10_000;

    private final CamelContext camelContext;
    private final OutboxTransactions transactions;
    private final OutboxRelaySettings settings;
    private final Clock clock;
    private final OutboxParkedReports reports;
    private final Redaction redaction;
    private ProducerTemplate producer;

    // owned by the thread that runs the relay (the timer's), one at a time
    private Duration backOff = Duration.ZERO;
    private Instant pausedUntil = Instant.MIN;
    private Instant nextPurge = Instant.MIN;
    /** Refusals parked since the service last stored an event: across transactions, so that a back-off does not reset it. */
    private int parkedInARow;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastError;

    OutboxRelay(CamelContext camelContext, OutboxTransactions transactions, OutboxRelaySettings settings, Clock clock) {
        this.camelContext = camelContext;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        // resolved now, so that a mistyped endpoint fails the relay's start rather than its first send or refusal
        Endpoint endpoint = camelContext.getEndpoint(settings.getEndpoint());
        this.redaction = endpoint instanceof MConnectEventsEndpoint events ? events.redaction() : Redaction.HIDING_EVENT_DATA;
        if (endpoint instanceof MConnectEventsEndpoint events) {
            events.markOutboxRelay(); // the operator's checklist: this endpoint's events come from an outbox
        }
        this.reports = new OutboxParkedReports(camelContext, settings.getParkedEndpoint(), this::producer, redaction);
    }

    /** A relay over the outbox in {@code dataSource}, with the default settings. */
    public static OutboxRelay of(CamelContext camelContext, DataSource dataSource) {
        return of(camelContext, dataSource, new OutboxRelaySettings());
    }

    /** A relay over the outbox in {@code dataSource}, with these settings. */
    public static OutboxRelay of(CamelContext camelContext, DataSource dataSource, OutboxRelaySettings settings) {
        return new OutboxRelay(camelContext, OutboxTransactions.ownConnections(dataSource), settings.copy(), Clock.systemUTC());
    }

    /**
     * A relay over the outbox in {@code dataSource} whose transactions are those of the application's
     * {@code transactionManager} (Spring Boot's {@code JpaTransactionManager}, a {@code DataSourceTransactionManager}
     * or a JTA manager), which must manage that DataSource: each drain and each purge runs in a transaction it begins
     * and commits, on the connection it binds, with its settings.
     */
    public static OutboxRelay of(CamelContext camelContext, DataSource dataSource, OutboxRelaySettings settings,
            PlatformTransactionManager transactionManager) {
        return new OutboxRelay(camelContext, new SpringManagedTransactions(transactionManager, dataSource), settings.copy(),
                Clock.systemUTC());
    }

    /** One timer tick: unless backing off, sends what is pending (for up to about two seconds), then purges if due. */
    @Override
    public void process(Exchange tick) {
        if (clock.instant().isBefore(pausedUntil)) {
            return;
        }
        Instant budget = clock.instant().plus(DRAIN_BUDGET);
        while (drainOnce() > 0 && clock.instant().isBefore(budget) && camelContext.getStatus().isStarted()) {
            // a full drain per tick: the poll interval bounds the latency, not the throughput
        }
        purgeIfDue();
    }

    /**
     * One transaction: locks lanes, sends their pending rows in order, marks what the service stored. Answers how many
     * rows it handled (sent or parked); 0 when nothing was pending or the send failed.
     */
    public int drainOnce() {
        try {
            return committed(transactions.inTransaction(this::drain));
        } catch (SQLException | RuntimeException e) {
            failed("the outbox database failed: " + e, e);
            return 0;
        }
    }

    private OutboxSending drain(Connection connection) throws SQLException {
        List<Integer> lanes = OutboxStore.lockLanes(connection, settings.getLanesPerTransaction());
        if (lanes.isEmpty()) {
            return null;
        }
        List<OutboxStore.Row> rows = new ArrayList<>();
        for (int lane : lanes) {
            if (rows.size() < settings.getMaxEventsPerTransaction()) {
                rows.addAll(OutboxStore.pending(connection, lane, settings.getMaxEventsPerTransaction() - rows.size()));
            }
        }
        OutboxSending sending = new OutboxSending(this, connection, rows);
        sending.run();
        Instant now = clock.instant();
        OutboxStore.markSent(connection, sending.sentIds(), now);
        OutboxStore.takeLanes(connection, lanes, now);
        if (sending.failure() != null) {
            OutboxStore.failed(connection, sending.failedIds(), sending.failure());
        }
        return sending;
    }

    /** What a committed transaction did: counted, parked rows reported, back-off set or cleared. */
    private int committed(OutboxSending sending) {
        if (sending == null) {
            return 0;
        }
        sent.addAndGet(sending.sentIds().size());
        parked.addAndGet(sending.parked().size());
        sending.parked().forEach(parkedRow -> reports.report(parkedRow.row(), parkedRow.error()));
        if (sending.failure() != null) {
            failed(sending.failure(), null);
            return 0;
        }
        recovered();
        return sending.sentIds().size() + sending.parked().size();
    }

    /**
     * Sends one batch, as one request, in the trace of its events when they all share one ({@link RelayTrace}). Answers
     * null when the service stored it, else the failure (a {@code MConnectEventsRejectedException} that is not retryable
     * means refused for good).
     */
    Exception send(List<CloudEvent> events) {
        Exchange result = producer().send(settings.getEndpoint(), exchange -> {
            exchange.getMessage().setBody(events);
            RelayTrace.continueSharedTrace(events, exchange.getMessage());
        });
        return result.getException();
    }

    /** Parks a refused row: it stays in the table with its error, and its partition key waits behind it. */
    void park(Connection connection, OutboxStore.Row row, String error) throws SQLException {
        OutboxStore.park(connection, row.id(), error, clock.instant());
    }

    /**
     * Whether another refusal may be parked: not after {@code maxParkedInARow} refusals with no event stored between
     * them, which look like a wrong configuration (certificate, address, authorizations) rather than bad events.
     */
    boolean mayPark() {
        return parkedInARow < settings.getMaxParkedInARow();
    }

    void parkedOne() {
        parkedInARow++;
    }

    void storedSome() {
        parkedInARow = 0;
    }

    OutboxRelaySettings settings() {
        return settings;
    }

    /** What the relay's log lines and recorded errors may say about an event: the option logEventData of its endpoint. */
    Redaction redaction() {
        return redaction;
    }

    private void purgeIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(settings.getPurgeInterval());
        Instant before = now.minus(settings.getRetention());
        try {
            int deleted;
            int total = 0;
            do {
                deleted = transactions.inTransaction(connection -> OutboxStore.purge(connection, before, PURGE_CHUNK));
                total += deleted;
            } while (deleted == PURGE_CHUNK && camelContext.getStatus().isStarted());
            if (total > 0) {
                LOG.debug("Purged {} outbox rows sent before {}", total, before);
            }
        } catch (SQLException | RuntimeException e) {
            // the purge is housekeeping: the next one retries, and sending is not affected (a transaction manager
            // reports database failures as its own runtime exceptions)
            LOG.warn("Could not purge the outbox rows sent before {} (next try in {}): {}", before, settings.getPurgeInterval(), e.toString());
        }
    }

    private void failed(String error, Exception cause) {
        failures.incrementAndGet();
        lastError = error;
        Duration base = backOff.isZero() ? settings.getBackOff() : backOff.multipliedBy(2);
        backOff = base.compareTo(settings.getMaxBackOff()) > 0 ? settings.getMaxBackOff() : base;
        long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, backOff.toMillis() / 4));
        pausedUntil = clock.instant().plus(backOff).plusMillis(jitter);
        if (cause == null) {
            LOG.warn("The outbox relay could not send ({}); the rows stay pending, next try in {} ms", error, backOff.toMillis() + jitter);
        } else {
            LOG.warn("The outbox relay could not send ({}); the rows stay pending, next try in {} ms", error, backOff.toMillis() + jitter, cause);
        }
    }

    private void recovered() {
        if (!backOff.isZero()) {
            LOG.info("The outbox relay sends again after {} failed attempts", failures.get());
        }
        backOff = Duration.ZERO;
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            producer = camelContext.createProducerTemplate();
            try {
                camelContext.addService(producer, true, false);   // stopped with the context
            } catch (Exception e) {
                throw new IllegalStateException("could not register the outbox relay's producer template", e);
            }
        }
        return producer;
    }

    /** Rows the service stored. */
    public long getSentCount() {
        return sent.get();
    }

    /** Rows refused for good and parked. */
    public long getParkedCount() {
        return parked.get();
    }

    /** Transactions that failed (service unavailable or database failure). */
    public long getFailureCount() {
        return failures.get();
    }

    /** The last failure, or null. */
    public String getLastError() {
        return lastError;
    }

    /** Whether the relay is waiting after a failure. */
    public boolean isBackingOff() {
        return clock.instant().isBefore(pausedUntil);
    }
}
