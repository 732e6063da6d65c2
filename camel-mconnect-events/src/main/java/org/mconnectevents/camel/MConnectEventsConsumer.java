package org.mconnectevents.camel;

import io.vertx.core.Future;
import org.apache.camel.Processor;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.Suspendable;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.ShutdownAware;
import org.apache.camel.support.DefaultConsumer;
import org.mconnectevents.client.ConsumeOptions;
import org.mconnectevents.client.MConnectEventsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Consumes events: {@code concurrentConsumers} sessions, each kept open forever by a {@link SessionRunner} that
 * processes its events on {@code parallelism} lanes and confirms them cumulatively.
 * <p>
 * <b>Suspend and stop.</b> Suspending the route pauses the sessions without closing them: they read nothing more, the
 * events already handed to the lanes finish and are confirmed (Camel waits for them, see
 * {@link #getPendingExchangesSize()}), and the events a session still delivers are held, unconfirmed, until the resume
 * hands them to the lanes. Camel's shutdown strategy suspends a {@link Suspendable} consumer first on a stop too, then
 * waits for the route's in-flight exchanges up to its own shutdown timeout before it stops the consumer; that would
 * override {@code stopTimeout}. So as soon as Camel tells the route's services that it stops rather than suspends
 * ({@link #prepareShutdown(boolean, boolean)}, passed on by {@link EarlyShutdownNotice}, before Camel's wait), the
 * suspended consumer stops at once: events in flight get {@code stopTimeout} to finish, what finished is confirmed, and
 * the sessions close.
 */
public class MConnectEventsConsumer extends DefaultConsumer implements Suspendable, ShutdownAware {

    private static final Logger LOG = LoggerFactory.getLogger(MConnectEventsConsumer.class);
    private static final long CLOSE_TIMEOUT_MILLIS = 10_000;

    /** Changed by Camel's lifecycle calls; read by its shutdown strategy too. */
    private final List<SessionRunner> runners = new CopyOnWriteArrayList<>();
    private final EarlyShutdownNotice shutdownNotice = new EarlyShutdownNotice(this);
    private final ConsumerMetrics metrics;
    /** Set by Camel's lifecycle calls; volatile for the console and the metrics, which read it from any thread. */
    private volatile Lanes lanes;
    /** The route's error handler for undecoded events the route left undecided; null without a route. */
    private UndecodedEvents undecodedEvents;

    public MConnectEventsConsumer(MConnectEventsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.metrics = new ConsumerMetrics(this);
    }

    @Override
    public MConnectEventsEndpoint getEndpoint() {
        return (MConnectEventsEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        MConnectEventsConfiguration configuration = getEndpoint().getConfiguration();
        checkOptions(configuration);
        MConnectEventsClient client = getEndpoint().client();
        ConsumeOptions options = consumeOptions(getEndpoint().getChannel(), configuration);
        if (12 % configuration.getConcurrentConsumers() != 0) {
            LOG.warn("concurrentConsumers={} on {} does not divide 12: MConnect Events splits the load of a group in 12 parts,"
                    + " so some sessions get more of it than others. Use 1, 2, 3, 4, 6 or 12 over all instances.",
                    configuration.getConcurrentConsumers(), getEndpoint().getEndpointUri());
        }
        String consumerName = "MConnectEventsConsumer[" + getEndpoint().getChannel().uriName() + ", " + getGroup() + "]";
        // parallelism lanes per session, shared by all sessions so that a key keeps its lane when its partition moves
        lanes = new Lanes(getEndpoint().getCamelContext(), this, consumerName,
                configuration.getParallelism() * configuration.getConcurrentConsumers());
        undecodedEvents = getRoute() == null ? null : UndecodedEvents.of(getRoute());
        EventProcessing processing = new EventProcessing(this);
        for (int i = 0; i < configuration.getConcurrentConsumers(); i++) {
            String name = consumerName + "#" + i;
            SessionRunner runner = new SessionRunner(this, client, options, getEndpoint().getComponent().vertx(), lanes, processing,
                    name);
            runners.add(runner);
            runner.start();
        }
        // as camel-kafka: Camel's consumer check of the route (consumer:<routeId>) asks this one once the route started
        if (getEndpoint().getComponent().isHealthCheckConsumerEnabled()) {
            MConnectEventsHealthCheck check = new MConnectEventsHealthCheck.Consumer(this);
            check.setCamelContext(getEndpoint().getCamelContext());
            setHealthCheck(check);
        }
        if (getRoute() != null) {
            getRoute().addService(shutdownNotice);
        }
        getEndpoint().getComponent().observers().tell(observer -> observer.consumerStarted(this));
    }

    @Override
    protected void doSuspend() throws Exception {
        // once every runner holds what its session still delivers, nothing new reaches the lanes: Camel's wait for
        // getPendingExchangesSize() is then a wait for the events in flight only
        List<Future<Void>> suspending = runners.stream().map(SessionRunner::suspend).toList();
        try {
            Future.join(suspending).toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // a consumer that failed to suspend could no longer be stopped by Camel: it counts as suspended all the same
            LOG.warn("{}: sessions still not paused {} ms after the suspension began; events may reach the route until"
                    + " they are", getEndpoint().getEndpointUri(), CLOSE_TIMEOUT_MILLIS);
        }
        super.doSuspend();
    }

    @Override
    protected void doResume() throws Exception {
        runners.forEach(SessionRunner::resume);
        super.doResume();
    }

    /**
     * Never deferred: Camel suspends this consumer first, whether it suspends or stops the route, so that it takes no
     * more events while Camel waits for those in flight.
     */
    @Override
    public boolean deferShutdown(ShutdownRunningTask shutdownRunningTask) {
        return false;
    }

    /** Events handed to the lanes and not finished yet: Camel waits for them before the route counts as suspended. */
    @Override
    public int getPendingExchangesSize() {
        return runners.stream().mapToInt(SessionRunner::pendingEvents).sum();
    }

    /**
     * On a stop ({@code suspendOnly} false) of a consumer Camel has suspended first, stops it now, within
     * {@code stopTimeout}, instead of letting Camel wait up to its own shutdown timeout for the events in flight. A
     * suspension needs nothing more, and neither does a consumer Camel did not suspend (a route with
     * {@code shutdownRoute=Defer} keeps consuming until Camel stops it).
     */
    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        if (!suspendOnly && isSuspendingOrSuspended()) {
            stop();
        }
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().getComponent().observers().tell(observer -> observer.consumerStopped(this));
        setHealthCheck(null);
        // every session finishes its in-flight events at the same time as the others, each within stopTimeout, then
        // confirms and closes; the wait is bounded in case the service never answers the close
        List<Future<Void>> stopping = runners.stream().map(SessionRunner::stop).toList();
        long bound = getEndpoint().getConfiguration().getStopTimeout() + CLOSE_TIMEOUT_MILLIS;
        boolean interrupted = false;
        try {
            Future.join(stopping).toCompletionStage().toCompletableFuture().get(bound, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // Camel's shutdown timeout, shorter than stopTimeout, ran out: stop now rather than leave the sessions open
            // behind a consumer reported stopped
            interrupted = true;
            LOG.warn("{}: the stop was interrupted (Camel's shutdown timeout is shorter than stopTimeout); the sessions"
                    + " close now and their unfinished events come again", getEndpoint().getEndpointUri());
            runners.forEach(SessionRunner::stopNow);
        } catch (TimeoutException e) {
            LOG.warn("{}: sessions still closing {} ms after the stop began; their unconfirmed events come again",
                    getEndpoint().getEndpointUri(), bound);
        } catch (ExecutionException e) {
            LOG.warn("{}: a session did not close cleanly ({}); its unconfirmed events come again", getEndpoint().getEndpointUri(),
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        }
        runners.clear();
        if (lanes != null) {
            lanes.shutdown();
            lanes = null;
        }
        if (undecodedEvents != null) {
            undecodedEvents.stop();
            undecodedEvents = null;
        }
        super.doStop();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A problem of a session rather than of an event (a session that ended or could not open, a message without an
     * offset, a confirmation not sent): to the consumer's exception handler when the route configured one
     * ({@code exceptionHandler}, or {@code bridgeErrorHandler=true} for the route's error handler), on a Camel thread
     * since the handler may block; else one WARN line on {@code log}, without a stack trace.
     */
    void problem(Logger log, String message, Throwable cause) {
        if (getEndpoint().isBridgeErrorHandler() || getEndpoint().getExceptionHandler() != null) {
            ExceptionHandler handler = getExceptionHandler();
            getEndpoint().continuations().execute(() -> handler.handleException(message, cause));
        } else {
            log.warn(message);
        }
    }

    /** The route's error handler for undecoded events the route left undecided, or null (no route). */
    UndecodedEvents undecodedEvents() {
        return undecodedEvents;
    }

    List<SessionRunner> runners() {
        return List.copyOf(runners);
    }

    ConsumerMetrics metrics() {
        return metrics;
    }

    /** Its sessions, one per {@code concurrentConsumers}, as they are now; none while the consumer is stopped. */
    public List<MConnectEventsSessionStatus> getSessionStatus() {
        return runners.stream().map(SessionRunner::status).toList();
    }

    /** How many lanes ({@code parallelism} per session) process an event now. */
    public int getLanesBusy() {
        Lanes current = lanes;
        return current == null ? 0 : current.busy();
    }

    /** How many lanes the consumer has: {@code parallelism} times {@code concurrentConsumers}; 0 while stopped. */
    public int getLaneCount() {
        Lanes current = lanes;
        return current == null ? 0 : current.size();
    }

    /** The consumer group, {@code ~default} (the service's default) when none is configured. */
    public String getGroup() {
        String group = getEndpoint().getConfiguration().getGroup();
        return group == null ? "~default" : group;
    }

    static ConsumeOptions consumeOptions(MConnectEventsChannel channel, MConnectEventsConfiguration configuration) {
        boolean events = valueOr(configuration.getEvents(), channel == MConnectEventsChannel.EVENTS);
        boolean test = valueOr(configuration.getTest(), channel != MConnectEventsChannel.DEAD);
        boolean dead = valueOr(configuration.getDead(), channel == MConnectEventsChannel.DEAD);
        if (!events && !test && !dead) {
            throw new IllegalArgumentException("events, test and dead are all false: such a consumer would receive nothing");
        }
        return new ConsumeOptions(events, test, dead, configuration.getGroup(), configuration.getMaxEventSize());
    }

    private static boolean valueOr(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }

    private void checkOptions(MConnectEventsConfiguration configuration) {
        String uri = getEndpoint().getEndpointUri();
        require(configuration.getConcurrentConsumers() >= 1, "concurrentConsumers must be at least 1", uri);
        require(configuration.getParallelism() >= 1, "parallelism must be at least 1", uri);
        require(configuration.getConfirmBatchSize() >= 1, "confirmBatchSize must be at least 1", uri);
        require(configuration.getMaxPendingEvents() >= 1, "maxPendingEvents must be at least 1", uri);
        require("websocket".equals(configuration.getTransport()) || "longpolling".equals(configuration.getTransport()),
                "transport must be websocket or longpolling, not '" + configuration.getTransport() + "'", uri);
        require("data".equals(configuration.getBodyType()) || "cloudevent".equals(configuration.getBodyType()),
                "bodyType must be data or cloudevent, not '" + configuration.getBodyType() + "'", uri);
        require(configuration.getPingInterval() > 0 && configuration.getPingTimeout() > 0,
                "pingInterval and pingTimeout must be positive", uri);
    }

    private static void require(boolean condition, String rule, String uri) {
        if (!condition) {
            throw new IllegalArgumentException(rule + " (" + uri + ")");
        }
    }
}
