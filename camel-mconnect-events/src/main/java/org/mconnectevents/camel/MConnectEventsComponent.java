package org.mconnectevents.camel;

import io.vertx.core.Vertx;
import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.mconnectevents.camel.checklist.ChecklistLog;
import org.mconnectevents.camel.checklist.MConnectEventsChecklist;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@code mconnect-events:} component: produce and consume events of MConnect Events, the event bus of
 * Moldova's interoperability platform, over mutual TLS. Every endpoint option can be set once here
 * ({@code camel.component.mconnect-events.*}); URI options override it per endpoint.
 */
@Component("mconnect-events")
@ManagedResource(description = "MConnect Events component")
public class MConnectEventsComponent extends HealthCheckComponent implements SSLContextParametersAware {

    @Metadata(description = "The options every endpoint starts from.")
    private MConnectEventsConfiguration configuration = new MConnectEventsConfiguration();
    @Metadata(label = "advanced", autowired = true, description = "The Vert.x instance to share (e.g. the one of Camel Quarkus). "
            + "When none is set or found in the registry, the component creates one and closes it when it stops.")
    private Vertx vertx;
    @Metadata(label = "security", defaultValue = "false", description = "Use the CamelContext's global SSL context parameters"
            + " for the endpoints that give no client certificate of their own (no sslContextParameters, keyStore or"
            + " certificateFile).")
    private boolean useGlobalSslContextParameters;
    @Metadata(label = "advanced", defaultValue = "true", description = "Once the CamelContext has started, log how the"
            + " application meets the operator's checklists: one INFO line, and a WARN line for each item not met.")
    private boolean logChecklist = true;

    /** Guarded by this component: whether {@link #vertx} was created here and must be closed here. */
    private boolean ownsVertx;
    private final Observers observers = new Observers();
    private final CertificateWatches certificateWatches = new CertificateWatches(observers);
    /** Changed under its own monitor, so that a backlog added while the component starts is told of exactly once. */
    private final List<MConnectEventsBacklog> backlogs = new CopyOnWriteArrayList<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        MConnectEventsChannel channel = MConnectEventsChannel.of(remaining, uri);
        MConnectEventsEndpoint endpoint = new MConnectEventsEndpoint(uri, this, channel, configuration.copy());
        setProperties(endpoint, parameters);
        MConnectEventsConfiguration options = endpoint.getConfiguration();
        // the global parameters fill in a missing certificate; they never replace one the endpoint gives
        if (options.getSslContextParameters() == null && options.getKeyStore() == null && options.getCertificateFile() == null) {
            options.setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        return endpoint;
    }

    /** The Vert.x every endpoint of this component uses: the one given or found, else one made on first use. */
    synchronized Vertx vertx() {
        if (vertx == null) {
            vertx = Vertx.vertx();
            ownsVertx = true;
        }
        return vertx;
    }

    /** The client certificates of this component's endpoints, each watched once however many endpoints use it. */
    CertificateWatches certificateWatches() {
        return certificateWatches;
    }

    /** The observers bound in the registry (metrics) hear from now on, beginning with the backlogs added before. */
    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (logChecklist) {
            getCamelContext().addStartupListener(new ChecklistLog());
        }
        synchronized (backlogs) {
            observers.findIn(getCamelContext());
            backlogs.forEach(backlog -> observers.tell(observer -> observer.backlogAdded(backlog)));
        }
    }

    /** Who hears what the endpoints of this component do. */
    Observers observers() {
        return observers;
    }

    /**
     * Adds events waiting to be produced (an outbox) to what the dev console and the metrics show. The outbox relay of
     * {@code camel-mconnect-events-jpa}'s route template adds its outbox itself.
     */
    public void addBacklog(MConnectEventsBacklog backlog) {
        synchronized (backlogs) {
            backlogs.add(backlog);
            // told now by the observers found at the start, or at the start by those found then
            observers.tell(observer -> observer.backlogAdded(backlog));
        }
    }

    /** No longer shows this backlog. */
    public void removeBacklog(MConnectEventsBacklog backlog) {
        synchronized (backlogs) {
            if (backlogs.remove(backlog)) {
                observers.tell(observer -> observer.backlogRemoved(backlog));
            }
        }
    }

    /** The backlogs added, as the dev console shows them. */
    public List<MConnectEventsBacklog> getBacklogs() {
        return List.copyOf(backlogs);
    }

    /** The client certificates the endpoints of this component use now. */
    public List<MConnectEventsCertificate> getCertificates() {
        return certificateWatches.inUse();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        observers.clear();
        Vertx owned;
        synchronized (this) {
            owned = ownsVertx ? vertx : null;
            if (ownsVertx) {
                vertx = null;
                ownsVertx = false;
            }
        }
        if (owned != null) {
            owned.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    public MConnectEventsConfiguration getConfiguration() {
        return configuration;
    }

    /** The options every endpoint starts from. */
    public void setConfiguration(MConnectEventsConfiguration configuration) {
        this.configuration = configuration;
    }

    /** The operator's checklists as this application meets them now, one line per item and subject. */
    @ManagedOperation(description = "The operator's checklists as this application meets them now, one line per item")
    public String checklist() {
        return MConnectEventsChecklist.of(getCamelContext()).toText();
    }

    public boolean isLogChecklist() {
        return logChecklist;
    }

    /** Whether to log the checklists once the CamelContext has started. */
    public void setLogChecklist(boolean logChecklist) {
        this.logChecklist = logChecklist;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    /** Use the CamelContext's global SSL context parameters for endpoints that give no client certificate of their own. */
    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public Vertx getVertx() {
        return vertx;
    }

    /** The Vert.x instance to share; the component does not close a Vert.x it was given. */
    public synchronized void setVertx(Vertx vertx) {
        this.vertx = vertx;
        this.ownsVertx = false;
    }
}
