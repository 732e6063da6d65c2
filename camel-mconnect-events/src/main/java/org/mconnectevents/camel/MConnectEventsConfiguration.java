package org.mconnectevents.camel;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * Every option of an {@code mconnect-events:} endpoint. The component holds one instance whose values every
 * endpoint starts from ({@code camel.component.mconnect-events.*}); URI options override them per endpoint.
 */
@UriParams
public class MConnectEventsConfiguration implements Cloneable {

    /** The default of {@link #getTechnicalExceptions()}. */
    public static final String DEFAULT_TECHNICAL_EXCEPTIONS = "java.io.IOException,java.util.concurrent.TimeoutException,"
            + "org.apache.camel.ExchangeTimedOutException,java.sql.SQLTransientException,java.sql.SQLRecoverableException,"
            + "java.sql.SQLNonTransientConnectionException,jakarta.persistence.LockTimeoutException,"
            + "jakarta.persistence.PessimisticLockException,jakarta.persistence.QueryTimeoutException,"
            + "org.hibernate.exception.JDBCConnectionException,org.hibernate.exception.LockAcquisitionException,"
            + "org.hibernate.exception.LockTimeoutException,org.springframework.dao.TransientDataAccessException,"
            + "org.springframework.dao.RecoverableDataAccessException,org.springframework.transaction.CannotCreateTransactionException,"
            + "jakarta.persistence.TransactionRequiredException,"
            + "org.mconnectevents.client.MConnectEventsUnavailableException,"
            + "org.mconnectevents.client.MConnectEventsConfigurationException";

    /** The default of {@link #getStructuralExceptions()}. */
    public static final String DEFAULT_STRUCTURAL_EXCEPTIONS = "com.fasterxml.jackson.core.JacksonException,"
            + "java.nio.charset.CharacterCodingException,java.io.CharConversionException,java.io.UTFDataFormatException";

    // common

    // Needed by every endpoint, yet not marked required: it is usually set once on the component, where tooling that
    // validates an endpoint URI (Camel's catalog) cannot see it and would report every URI without it as wrong.
    // An endpoint without it fails at start naming it.
    @UriParam(description = "The REST base address of MConnect Events, e.g. https://mconnect-events.staging.egov.md:8443/ "
            + "(HTTPS only). The WebSocket address is derived from it. Needed: set it on the endpoint or once on the component.")
    private String baseAddress;
    @UriParam(label = "security", description = "Camel SSL context parameters giving the client certificate (key managers, "
            + "certAlias), trust (trust managers), protocols and cipher suites (its client parameters over the common ones). "
            + "Use this, or keyStore, or certificateFile with privateKeyFile.")
    private SSLContextParameters sslContextParameters;
    @UriParam(label = "security", description = "The client key store: the private key with the client certificate and its "
            + "intermediate CA certificates (MConnect Events requires the chain in the handshake). A file path, or classpath:, "
            + "file: or http: resource.")
    private String keyStore;
    @UriParam(label = "security", secret = true, description = "The password of the client key store and of its key.")
    private String keyStorePassword;
    @UriParam(label = "security", defaultValue = "PKCS12", description = "The type of the client key store.")
    private String keyStoreType = "PKCS12";
    @UriParam(label = "security", description = "The alias of the key to use when the key store holds more than one (during a"
            + " certificate renewal, say); required then. Only this key's certificate is checked at start and sent.")
    private String keyAlias;
    @UriParam(label = "security", description = "PEM file with the client certificate followed by its intermediate CA certificates "
            + "(instead of keyStore).")
    private String certificateFile;
    @UriParam(label = "security", secret = true, description = "PEM file with the client's private key (PKCS#8, or SEC1/PKCS#1), "
            + "with certificateFile.")
    private String privateKeyFile;
    @UriParam(label = "security", description = "What to trust instead of the JVM's default trust: a key store, or a PEM file "
            + "of CA certificates (e.g. the emulator's ca.crt).")
    private String trustStore;
    @UriParam(label = "security", secret = true, description = "The password of the trust store (not needed for PEM).")
    private String trustStorePassword;
    @UriParam(label = "security", defaultValue = "PKCS12", description = "The type of the trust store when it is a key store.")
    private String trustStoreType = "PKCS12";
    @UriParam(label = "security", defaultValue = "true", description = "Refuse at start a client certificate that comes without "
            + "the intermediate CA certificate that issued it (the service would refuse the handshake).")
    private boolean requireIntermediates = true;
    @UriParam(label = "security", defaultValue = "30", description = "Days before the client certificate expires from which "
            + "the certificate health check warns and a WARN line is logged once a day.")
    private int certificateExpiryWarning = 30;
    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration",
              description = "How long to wait for a TCP and TLS connection.")
    private long connectTimeout = 30_000;
    @UriParam(label = "advanced", defaultValue = "100000", javaType = "java.time.Duration",
              description = "How long a request waits for its answer; a long poll waits this long too, so keep it above the "
                      + "service's poll timeout (30 s).")
    private long requestTimeout = 100_000;
    @UriParam(label = "advanced", defaultValue = "8", description = "HTTP connections kept open per endpoint.")
    private int maxConnections = 8;
    @UriParam(label = "advanced", defaultValue = "false", description = "A debugging aid, never for production: let log lines "
            + "and exception messages carry what may be personal data of an event (the messages of the failures of its "
            + "route, the service's explanation of a malformed event, partition keys, what the JSON parser quotes). By "
            + "default they name events by source, id, type, offset and size, and failures by exception class and rule.")
    private boolean logEventData;

    // producer

    @UriParam(label = "producer", enums = "structured,binary", defaultValue = "structured",
              description = "How a single event is sent: structured (POST /ce/produce/event, JSON event format, JSON data "
                      + "only) or binary (POST /ce/produce/raw, data as the body, attributes in ce- headers). Batches are always structured.")
    private String format = "structured";
    @UriParam(label = "producer", description = "The source of produced events when neither the body (a CloudEvent) nor the "
            + "CamelCloudEventSource header gives one. A URI the client is allowed to use.")
    private String source;
    @UriParam(label = "producer", description = "The type of produced events (Organization.System.Entity.Action) when neither "
            + "the body nor the CamelCloudEventType header gives one.")
    private String type;
    @UriParam(label = "producer", defaultValue = "false", description = "Split a collection over maxRequestSize into several "
            + "requests. Each request is stored all or nothing, but the collection as a whole no longer is; when false such "
            + "a collection is refused whole and nothing is sent.")
    private boolean splitBatches;
    @UriParam(label = "producer", defaultValue = "0", javaType = "java.time.Duration",
              description = "Coalescing (Kafka's linger.ms): the longest a single event waits for others before they go "
                      + "together as one batch request (POST /ce/produce/events); while fewer than maxInFlightRequests "
                      + "coalesced requests are in flight an event does not wait at all. 0 (the default) sends every event "
                      + "at once on its own. Each exchange still completes with its own event's fate: a refused event fails "
                      + "only its exchange. Events channel only; the test channel sends every test event alone.")
    private long lingerTime;
    @UriParam(label = "producer", defaultValue = "1", description = "Coalescing (Kafka's "
            + "max.in.flight.requests.per.connection, used the other way round): while fewer than this many coalesced "
            + "batch requests are in flight, a batch leaves at once; otherwise it gathers the events that arrive until a "
            + "request completes, the batch is full (batchMaxEvents, batchMaxSize) or its first event has waited "
            + "lingerTime. 0 makes every batch wait lingerTime or until full. Full and lingered batches leave whatever is "
            + "in flight, so more requests than this may be in flight (up to maxConnections).")
    private int maxInFlightRequests = 1;
    @UriParam(label = "producer", defaultValue = "500", description = "Coalescing: the most events in one batch request; "
            + "a batch this full is sent without waiting for lingerTime.")
    private int batchMaxEvents = 500;
    @UriParam(label = "producer,advanced", defaultValue = "1048576", description = "Coalescing (Kafka's batch.size): the "
            + "largest batch request body in bytes; a batch that would grow past it is sent without waiting for "
            + "lingerTime. maxRequestSize bounds it.")
    private int batchMaxSize = 1024 * 1024;
    @UriParam(label = "producer", defaultValue = "10000", description = "Coalescing (Kafka's buffer.memory, counted in "
            + "events): the most events taken and not yet answered (waiting for their batch or in flight). Beyond it a "
            + "caller waits until events are answered, or fails at once with failWhenFull; so memory stays bounded by "
            + "this many events of at most maxEventSize.")
    private int maxWaitingEvents = 10_000;
    @UriParam(label = "producer", defaultValue = "false", description = "Coalescing (Kafka's max.block.ms=0): when "
            + "maxWaitingEvents events are waiting, fail the exchange at once with MConnectEventsUnavailableException "
            + "(retryable) instead of making the caller wait. A caller on a Vert.x event loop never waits: it always fails so.")
    private boolean failWhenFull;
    @UriParam(label = "advanced", defaultValue = "65536", description = "The largest event, in bytes of its JSON form: a produced "
            + "event over it is refused before sending; a consumed one over it is handed to the route as an event that "
            + "cannot be read (a poison event, see MConnectEventsDecodeException).")
    private int maxEventSize = 64 * 1024;
    @UriParam(label = "producer,advanced", defaultValue = "1048576", description = "The largest request body, in bytes.")
    private int maxRequestSize = 1024 * 1024;
    @UriParam(label = "producer,advanced", defaultValue = "2000", javaType = "java.time.Duration", description = "The operator's "
            + "checklist: how far this machine's clock may differ from the service's (read off the Date header of its answers) "
            + "before the checklist reports the producer's event time as not consistent.")
    private long clockSkewWarning = 2_000;
    @UriParam(label = "producer,advanced", defaultValue = "0.5", description = "The operator's checklist: the share of the "
            + "last 1000 events one partition key may carry before the checklist reports the keys as not varied (a constant "
            + "key keeps the service from spreading the events over its partitions).")
    private double partitionKeyShareWarning = 0.5;
    @UriParam(label = "producer,advanced", description = "The operator's checklist: a check of every event produced that"
            + " reports, never refuses, such as the building blocks' PersonalDataPolicy.producerCheck(), which tells whether"
            + " events carry the data subjects their consumers must record.")
    private MConnectEventsProducedEventCheck producedEventCheck;
    @UriParam(label = "producer", defaultValue = "true", description = "On the dead channel: add the failure (exception class and "
            + "message) to the reported event as the extension attribute deadreason.")
    private boolean includeDeadReason = true;
    @UriParam(label = "producer", defaultValue = DEFAULT_TECHNICAL_EXCEPTIONS, description = "On the dead channel: exception "
            + "classes (names, comma separated; subclasses match; the whole cause chain is inspected) that mark a technical "
            + "failure, which is never reported dead: the dead channel refuses it and the event stays unconfirmed and comes "
            + "again. SQL exceptions with a connection, lock, serialization or schema (class 42) SQLState, and HTTP failures of "
            + "Camel's HTTP components with status 5xx, 408 or 429, are technical too.")
    private String technicalExceptions = DEFAULT_TECHNICAL_EXCEPTIONS;
    @UriParam(label = "producer", defaultValue = DEFAULT_STRUCTURAL_EXCEPTIONS, description = "On the dead channel: exception "
            + "classes (names, comma separated; subclasses match) that are about the data even when they extend a technical "
            + "class, such as JSON parse and mapping errors (IOExceptions by inheritance). Walking the cause chain from the "
            + "outside in, the first exception matching either list decides.")
    private String structuralExceptions = DEFAULT_STRUCTURAL_EXCEPTIONS;

    // consumer

    @UriParam(label = "consumer", enums = "websocket,longpolling", defaultValue = "websocket",
              description = "How to consume: websocket (recommended) or longpolling (fallback).")
    private String transport = "websocket";
    @UriParam(label = "consumer", description = "The consumer group; every group receives every event, the sessions of one "
            + "group share them. The service's default group (~default) when not set.")
    private String group;
    @UriParam(label = "consumer", description = "Receive standard events. Default: true on the events channel, false otherwise.")
    private Boolean events;
    @UriParam(label = "consumer", description = "Receive the test events this client produced for itself. Default: true on "
            + "the events and test channels, false on dead.")
    private Boolean test;
    @UriParam(label = "consumer", description = "Receive this client's dead events. Default: true on the dead channel only.")
    private Boolean dead;
    @UriParam(label = "consumer", defaultValue = "1", description = "Sessions this endpoint opens; the service splits the load "
            + "of a group in 12 parts, so use a divisor of 12 (1, 2, 3, 4, 6, 12) over all instances.")
    private int concurrentConsumers = 1;
    @UriParam(label = "consumer", defaultValue = "1", description = "Events of one session processed at once. Events with the "
            + "same partitionkey are never processed at the same time and always in their order.")
    private int parallelism = 1;
    @UriParam(label = "consumer", defaultValue = "true", description = "Confirm an event when its exchange completes (or it was "
            + "reported dead). When false, the route confirms through the handle in the CamelMConnectEventsConfirmation header.")
    private boolean autoConfirm = true;
    @UriParam(label = "consumer", defaultValue = "1000", javaType = "java.time.Duration",
              description = "Confirm finished events at least this often.")
    private long confirmInterval = 1000;
    @UriParam(label = "consumer", defaultValue = "100", description = "Confirm as soon as this many events finished since the "
            + "last confirmation.")
    private int confirmBatchSize = 100;
    @UriParam(label = "consumer", defaultValue = "1000", javaType = "java.time.Duration",
              description = "First delay before reconnecting, and the back-off after a technical failure; doubles with each "
                      + "failed attempt, with jitter.")
    private long reconnectDelay = 1000;
    @UriParam(label = "consumer", defaultValue = "60000", javaType = "java.time.Duration",
              description = "The longest delay between reconnection attempts.")
    private long reconnectMaxDelay = 60_000;
    @UriParam(label = "consumer,advanced", defaultValue = "15000", javaType = "java.time.Duration",
              description = "WebSocket: send a ping this often.")
    private long pingInterval = 15_000;
    @UriParam(label = "consumer,advanced", defaultValue = "10000", javaType = "java.time.Duration",
              description = "WebSocket: a connection that answers no ping within this time is half-open; it is closed and "
                      + "the consumer reconnects.")
    private long pingTimeout = 10_000;
    @UriParam(label = "consumer", defaultValue = "30000", javaType = "java.time.Duration",
              description = "On stop: how long events in flight may take to finish before the session closes without them "
                      + "(they come again later). A coalescing producer (lingerTime) waits this long for the service's answers "
                      + "to the events it took.")
    private long stopTimeout = 30_000;
    @UriParam(label = "consumer", enums = "data,cloudevent", defaultValue = "data", description = "The body of a consumed "
            + "exchange: data (String for JSON and text, byte[] otherwise) or cloudevent (the whole io.cloudevents.CloudEvent).")
    private String bodyType = "data";
    @UriParam(label = "consumer,advanced", defaultValue = "1000", description = "Events received but not finished, per session, "
            + "above which the session stops reading until some finish.")
    private int maxPendingEvents = 1000;

    /** A copy for an endpoint to change without touching the component's. */
    public MConnectEventsConfiguration copy() {
        try {
            return (MConnectEventsConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getBaseAddress() {
        return baseAddress;
    }

    public void setBaseAddress(String baseAddress) {
        this.baseAddress = baseAddress;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public String getKeyAlias() {
        return keyAlias;
    }

    /** The alias of the key to use when the key store holds more than one; required then. */
    public void setKeyAlias(String keyAlias) {
        this.keyAlias = keyAlias;
    }

    public String getKeyStore() {
        return keyStore;
    }

    public void setKeyStore(String keyStore) {
        this.keyStore = keyStore;
    }

    public String getKeyStorePassword() {
        return keyStorePassword;
    }

    public void setKeyStorePassword(String keyStorePassword) {
        this.keyStorePassword = keyStorePassword;
    }

    public String getKeyStoreType() {
        return keyStoreType;
    }

    public void setKeyStoreType(String keyStoreType) {
        this.keyStoreType = keyStoreType;
    }

    public String getCertificateFile() {
        return certificateFile;
    }

    public void setCertificateFile(String certificateFile) {
        this.certificateFile = certificateFile;
    }

    public String getPrivateKeyFile() {
        return privateKeyFile;
    }

    public void setPrivateKeyFile(String privateKeyFile) {
        this.privateKeyFile = privateKeyFile;
    }

    public String getTrustStore() {
        return trustStore;
    }

    public void setTrustStore(String trustStore) {
        this.trustStore = trustStore;
    }

    public String getTrustStorePassword() {
        return trustStorePassword;
    }

    public void setTrustStorePassword(String trustStorePassword) {
        this.trustStorePassword = trustStorePassword;
    }

    public String getTrustStoreType() {
        return trustStoreType;
    }

    public void setTrustStoreType(String trustStoreType) {
        this.trustStoreType = trustStoreType;
    }

    public boolean isRequireIntermediates() {
        return requireIntermediates;
    }

    public void setRequireIntermediates(boolean requireIntermediates) {
        this.requireIntermediates = requireIntermediates;
    }

    public int getCertificateExpiryWarning() {
        return certificateExpiryWarning;
    }

    public void setCertificateExpiryWarning(int certificateExpiryWarning) {
        this.certificateExpiryWarning = certificateExpiryWarning;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public boolean isLogEventData() {
        return logEventData;
    }

    public void setLogEventData(boolean logEventData) {
        this.logEventData = logEventData;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public boolean isSplitBatches() {
        return splitBatches;
    }

    public void setSplitBatches(boolean splitBatches) {
        this.splitBatches = splitBatches;
    }

    public int getMaxEventSize() {
        return maxEventSize;
    }

    public void setMaxEventSize(int maxEventSize) {
        this.maxEventSize = maxEventSize;
    }

    public long getClockSkewWarning() {
        return clockSkewWarning;
    }

    public void setClockSkewWarning(long clockSkewWarning) {
        this.clockSkewWarning = clockSkewWarning;
    }

    public double getPartitionKeyShareWarning() {
        return partitionKeyShareWarning;
    }

    public void setPartitionKeyShareWarning(double partitionKeyShareWarning) {
        this.partitionKeyShareWarning = partitionKeyShareWarning;
    }

    public MConnectEventsProducedEventCheck getProducedEventCheck() {
        return producedEventCheck;
    }

    public void setProducedEventCheck(MConnectEventsProducedEventCheck producedEventCheck) {
        this.producedEventCheck = producedEventCheck;
    }

    public int getMaxRequestSize() {
        return maxRequestSize;
    }

    public void setMaxRequestSize(int maxRequestSize) {
        this.maxRequestSize = maxRequestSize;
    }

    public boolean isIncludeDeadReason() {
        return includeDeadReason;
    }

    public void setIncludeDeadReason(boolean includeDeadReason) {
        this.includeDeadReason = includeDeadReason;
    }

    public String getTechnicalExceptions() {
        return technicalExceptions;
    }

    public void setTechnicalExceptions(String technicalExceptions) {
        this.technicalExceptions = technicalExceptions;
    }

    public String getTransport() {
        return transport;
    }

    public void setTransport(String transport) {
        this.transport = transport;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public Boolean getEvents() {
        return events;
    }

    public void setEvents(Boolean events) {
        this.events = events;
    }

    public Boolean getTest() {
        return test;
    }

    public void setTest(Boolean test) {
        this.test = test;
    }

    public Boolean getDead() {
        return dead;
    }

    public void setDead(Boolean dead) {
        this.dead = dead;
    }

    public int getConcurrentConsumers() {
        return concurrentConsumers;
    }

    public void setConcurrentConsumers(int concurrentConsumers) {
        this.concurrentConsumers = concurrentConsumers;
    }

    public int getParallelism() {
        return parallelism;
    }

    public void setParallelism(int parallelism) {
        this.parallelism = parallelism;
    }

    public boolean isAutoConfirm() {
        return autoConfirm;
    }

    public void setAutoConfirm(boolean autoConfirm) {
        this.autoConfirm = autoConfirm;
    }

    public long getConfirmInterval() {
        return confirmInterval;
    }

    public void setConfirmInterval(long confirmInterval) {
        this.confirmInterval = confirmInterval;
    }

    public int getConfirmBatchSize() {
        return confirmBatchSize;
    }

    public void setConfirmBatchSize(int confirmBatchSize) {
        this.confirmBatchSize = confirmBatchSize;
    }

    public long getReconnectDelay() {
        return reconnectDelay;
    }

    public void setReconnectDelay(long reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    public long getReconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    public void setReconnectMaxDelay(long reconnectMaxDelay) {
        this.reconnectMaxDelay = reconnectMaxDelay;
    }

    public long getPingInterval() {
        return pingInterval;
    }

    public void setPingInterval(long pingInterval) {
        this.pingInterval = pingInterval;
    }

    public long getPingTimeout() {
        return pingTimeout;
    }

    public void setPingTimeout(long pingTimeout) {
        this.pingTimeout = pingTimeout;
    }

    public long getStopTimeout() {
        return stopTimeout;
    }

    public void setStopTimeout(long stopTimeout) {
        this.stopTimeout = stopTimeout;
    }

    public String getBodyType() {
        return bodyType;
    }

    public void setBodyType(String bodyType) {
        this.bodyType = bodyType;
    }

    public int getMaxPendingEvents() {
        return maxPendingEvents;
    }

    public void setMaxPendingEvents(int maxPendingEvents) {
        this.maxPendingEvents = maxPendingEvents;
    }

    public String getStructuralExceptions() {
        return structuralExceptions;
    }

    public void setStructuralExceptions(String structuralExceptions) {
        this.structuralExceptions = structuralExceptions;
    }

    public long getLingerTime() {
        return lingerTime;
    }

    public void setLingerTime(long lingerTime) {
        this.lingerTime = lingerTime;
    }

    public int getMaxInFlightRequests() {
        return maxInFlightRequests;
    }

    public void setMaxInFlightRequests(int maxInFlightRequests) {
        this.maxInFlightRequests = maxInFlightRequests;
    }

    public int getBatchMaxEvents() {
        return batchMaxEvents;
    }

    public void setBatchMaxEvents(int batchMaxEvents) {
        this.batchMaxEvents = batchMaxEvents;
    }

    public int getBatchMaxSize() {
        return batchMaxSize;
    }

    public void setBatchMaxSize(int batchMaxSize) {
        this.batchMaxSize = batchMaxSize;
    }

    public int getMaxWaitingEvents() {
        return maxWaitingEvents;
    }

    public void setMaxWaitingEvents(int maxWaitingEvents) {
        this.maxWaitingEvents = maxWaitingEvents;
    }

    public boolean isFailWhenFull() {
        return failWhenFull;
    }

    public void setFailWhenFull(boolean failWhenFull) {
        this.failWhenFull = failWhenFull;
    }
}
