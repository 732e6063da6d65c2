package org.mconnectevents.camel;

import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.mconnectevents.camel.client.ConsumeOptions;
import org.mconnectevents.camel.client.MConnectEventsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Consumes events: {@code concurrentConsumers} sessions, each kept open forever by a {@link SessionRunner} that
 * processes its events on {@code parallelism} lanes and confirms them cumulatively.
 */
public class MConnectEventsConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(MConnectEventsConsumer.class);

    private final List<SessionRunner> runners = new ArrayList<>();
    private Lanes lanes;

    public MConnectEventsConsumer(MConnectEventsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
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
        String consumerName = "MConnectEventsConsumer[" + getEndpoint().getChannel().uriName() + ", "
                + (configuration.getGroup() == null ? "~default" : configuration.getGroup()) + "]";
        // parallelism lanes per session, shared by all sessions so that a key keeps its lane when its partition moves
        lanes = new Lanes(getEndpoint().getCamelContext(), this, consumerName,
                configuration.getParallelism() * configuration.getConcurrentConsumers());
        for (int i = 0; i < configuration.getConcurrentConsumers(); i++) {
            String name = consumerName + "#" + i;
            SessionRunner runner = new SessionRunner(this, client, options, getEndpoint().getComponent().vertx(), lanes, name);
            runners.add(runner);
            runner.start();
        }
        // as camel-kafka: Camel's consumer check of the route (consumer:<routeId>) asks this one once the route started
        if (getEndpoint().getComponent().isHealthCheckConsumerEnabled()) {
            MConnectEventsHealthCheck check = new MConnectEventsHealthCheck.Consumer(this);
            check.setCamelContext(getEndpoint().getCamelContext());
            setHealthCheck(check);
        }
    }

    @Override
    protected void doStop() throws Exception {
        setHealthCheck(null);
        // every session finishes its in-flight events at the same time as the others, each within stopTimeout
        List<Thread> stopping = new ArrayList<>();
        for (SessionRunner runner : runners) {
            Thread thread = new Thread(runner::stop, runner.name() + "-stop");
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            thread.join();
        }
        runners.clear();
        if (lanes != null) {
            lanes.shutdown();
            lanes = null;
        }
        super.doStop();
    }

    List<SessionRunner> runners() {
        return List.copyOf(runners);
    }

    static ConsumeOptions consumeOptions(MConnectEventsChannel channel, MConnectEventsConfiguration configuration) {
        boolean events = valueOr(configuration.getEvents(), channel == MConnectEventsChannel.EVENTS);
        boolean test = valueOr(configuration.getTest(), channel != MConnectEventsChannel.DEAD);
        boolean dead = valueOr(configuration.getDead(), channel == MConnectEventsChannel.DEAD);
        if (!events && !test && !dead) {
            throw new IllegalArgumentException("events, test and dead are all false: such a consumer would receive nothing");
        }
        return new ConsumeOptions(events, test, dead, configuration.getGroup());
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
