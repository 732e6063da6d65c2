package org.mconnectevents.camel.springboot;

import io.vertx.core.Vertx;
import java.time.Duration;
import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.mconnectevents.camel.MConnectEventsProducedEventCheck;
import org.mconnectevents.camel.MConnectEventsConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every option of the mconnect-events component as {@code camel.component.mconnect-events.*}, from
 * {@code application.properties}/{@code application.yaml} or the environment
 * ({@code CAMEL_COMPONENT_MCONNECTEVENTS_BASEADDRESS}, ...). Laid out as Camel's generated starters lay theirs out
 * (one property per option of the component's catalog, the endpoint options it holds flattened), so that
 * {@code spring-configuration-metadata.json} documents each one for IDEs; durations are {@link Duration}s, so
 * {@code 2s}, {@code PT2S} and {@code 2000} (milliseconds) all bind. An option left unset keeps the component's
 * default.
 */
@ConfigurationProperties(prefix = MConnectEventsComponentConfiguration.PREFIX)
public class MConnectEventsComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /** Where the component's properties start. */
    public static final String PREFIX = "camel.component.mconnect-events";

    /**
     * Whether to enable auto configuration of the mconnect-events component. This is enabled by default.
     */
    @SuppressWarnings("unused") // documents the inherited property in the configuration metadata, as Camel's starters do
    private Boolean enabled;

    /**
     * The REST base address of MConnect Events, e.g. https://mconnect-events.staging.egov.md:8443/ (HTTPS only). The
     * WebSocket address is derived from it. Needed: set it on the endpoint or once on the component.
     */
    private String baseAddress;

    /**
     * The options every endpoint starts from. Give a bean reference, #bean:name or #name.
     */
    private MConnectEventsConfiguration configuration;

    /**
     * Confirm an event when its exchange completes (or it was reported dead). When false, the route confirms through
     * the handle in the CamelMConnectEventsConfirmation header.
     */
    private Boolean autoConfirm = true;

    /**
     * The body of a consumed exchange: data (String for JSON and text, byte[] otherwise) or cloudevent (the whole
     * io.cloudevents.CloudEvent).
     */
    private String bodyType = "data";

    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if possible)
     * occurred while the Camel consumer is trying to pickup incoming messages, or the likes, will now be processed as
     * a message and handled by the routing Error Handler. Important: This is only possible if the 3rd party component
     * allows Camel to be alerted if an exception was thrown. Some components handle this internally only, and
     * therefore bridgeErrorHandler is not possible. In other situations we may improve the Camel component to hook
     * into the 3rd party component and make this possible for future releases. By default the consumer will use the
     * org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR level and
     * ignored.
     */
    private Boolean bridgeErrorHandler = false;

    /**
     * Sessions this endpoint opens; the service splits the load of a group in 12 parts, so use a divisor of 12 (1, 2,
     * 3, 4, 6, 12) over all instances.
     */
    private Integer concurrentConsumers = 1;

    /**
     * Confirm as soon as this many events finished since the last confirmation.
     */
    private Integer confirmBatchSize = 100;

    /**
     * Confirm finished events at least this often.
     */
    private Duration confirmInterval = Duration.ofMillis(1000);

    /**
     * Receive this client's dead events. Default: true on the dead channel only.
     */
    private Boolean dead;

    /**
     * Receive standard events. Default: true on the events channel, false otherwise.
     */
    private Boolean events;

    /**
     * The consumer group; every group receives every event, the sessions of one group share them. The service's
     * default group (default) when not set.
     */
    private String group;

    /**
     * Events of one session processed at once. Events with the same partitionkey are never processed at the same time
     * and always in their order.
     */
    private Integer parallelism = 1;

    /**
     * First delay before reconnecting, and the back-off after a technical failure; doubles with each failed attempt,
     * with jitter.
     */
    private Duration reconnectDelay = Duration.ofMillis(1000);

    /**
     * The longest delay between reconnection attempts.
     */
    private Duration reconnectMaxDelay = Duration.ofMillis(60000);

    /**
     * On stop: how long events in flight may take to finish before the session closes without them (they come again
     * later). A coalescing producer (lingerTime) waits this long for the service's answers to the events it took.
     */
    private Duration stopTimeout = Duration.ofMillis(30000);

    /**
     * Receive the test events this client produced for itself. Default: true on the events and test channels, false on
     * dead.
     */
    private Boolean test;

    /**
     * How to consume: websocket (recommended) or longpolling (fallback).
     */
    private String transport = "websocket";

    /**
     * Events received but not finished, per session, above which the session stops reading until some finish.
     */
    private Integer maxPendingEvents = 1000;

    /**
     * WebSocket: send a ping this often.
     */
    private Duration pingInterval = Duration.ofMillis(15000);

    /**
     * WebSocket: a connection that answers no ping within this time is half-open; it is closed and the consumer
     * reconnects.
     */
    private Duration pingTimeout = Duration.ofMillis(10000);

    /**
     * How a single event is sent: structured (POST /ce/produce/event, JSON event format, JSON data only) or binary
     * (POST /ce/produce/raw, data as the body, attributes in ce- headers). Batches are always structured.
     */
    private String format = "structured";

    /**
     * On the dead channel: add the failure (exception class and message) to the reported event as the extension
     * attribute deadreason.
     */
    private Boolean includeDeadReason = true;

    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow
     * CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause
     * the route to fail being started. By deferring this startup to be lazy then the startup failure can be handled
     * during routing messages via Camel's routing error handlers. Beware that when the first message is processed then
     * creating and starting the producer may take a little time and prolong the total processing time of the
     * processing.
     */
    private Boolean lazyStartProducer = false;

    /**
     * The source of produced events when neither the body (a CloudEvent) nor the CamelCloudEventSource header gives
     * one. A URI the client is allowed to use.
     */
    private String source;

    /**
     * Split a collection over maxRequestSize into several requests. Each request is stored all or nothing, but the
     * collection as a whole no longer is; when false such a collection is refused whole and nothing is sent.
     */
    private Boolean splitBatches = false;

    /**
     * Coalescing (Kafka's linger.ms): the longest a single event waits for others before they go together as one batch
     * request (POST /ce/produce/events); while fewer than maxInFlightRequests coalesced requests are in flight an event
     * does not wait at all. 0 (the default) sends every event at once on its own. Each exchange still completes with
     * its own event's fate: a refused event fails only its exchange. Events channel only; the test channel sends every
     * test event alone.
     */
    private Duration lingerTime = Duration.ofMillis(0);

    /**
     * Coalescing (Kafka's max.in.flight.requests.per.connection, used the other way round): while fewer than this many
     * coalesced batch requests are in flight, a batch leaves at once; otherwise it gathers the events that arrive until
     * a request completes, the batch is full (batchMaxEvents, batchMaxSize) or its first event has waited lingerTime. 0
     * makes every batch wait lingerTime or until full. Full and lingered batches leave whatever is in flight, so more
     * requests than this may be in flight (up to maxConnections).
     */
    private Integer maxInFlightRequests = 1;

    /**
     * Coalescing: the most events in one batch request; a batch this full is sent without waiting for lingerTime.
     */
    private Integer batchMaxEvents = 500;

    /**
     * Coalescing (Kafka's batch.size): the largest batch request body in bytes; a batch that would grow past it is sent
     * without waiting for lingerTime. maxRequestSize bounds it.
     */
    private Integer batchMaxSize = 1048576;

    /**
     * Coalescing (Kafka's buffer.memory, counted in events): the most events taken and not yet answered (waiting for
     * their batch or in flight). Beyond it a caller waits until events are answered, or fails at once with
     * failWhenFull; so memory stays bounded by this many events of at most maxEventSize.
     */
    private Integer maxWaitingEvents = 10000;

    /**
     * Coalescing (Kafka's max.block.ms=0): when maxWaitingEvents events are waiting, fail the exchange at once with
     * MConnectEventsUnavailableException (retryable) instead of making the caller wait. A caller on a Vert.x event
     * loop never waits: it always fails so.
     */
    private Boolean failWhenFull = false;

    /**
     * On the dead channel: exception classes (names, comma separated; subclasses match) that are about the data even
     * when they extend a technical class, such as JSON parse and mapping errors (IOExceptions by inheritance). Walking
     * the cause chain from the outside in, the first exception matching either list decides.
     */
    private String structuralExceptions = "com.fasterxml.jackson.core.JacksonException,java.nio.charset.CharacterCodingException,java.io.CharConversionException,java.io.UTFDataFormatException";

    /**
     * On the dead channel: exception classes (names, comma separated; subclasses match; the whole cause chain is
     * inspected) that mark a technical failure, which is never reported dead: the dead channel refuses it and the
     * event stays unconfirmed and comes again. SQL exceptions with a connection, lock, serialization or schema (class
     * 42) SQLState, and HTTP failures of Camel's HTTP components with status 5xx, 408 or 429, are technical too.
     */
    private String technicalExceptions = "java.io.IOException,java.util.concurrent.TimeoutException,org.apache.camel.ExchangeTimedOutException,java.sql.SQLTransientException,java.sql.SQLRecoverableException,java.sql.SQLNonTransientConnectionException,jakarta.persistence.LockTimeoutException,jakarta.persistence.PessimisticLockException,jakarta.persistence.QueryTimeoutException,org.hibernate.exception.JDBCConnectionException,org.hibernate.exception.LockAcquisitionException,org.hibernate.exception.LockTimeoutException,org.springframework.dao.TransientDataAccessException,org.springframework.dao.RecoverableDataAccessException,org.springframework.transaction.CannotCreateTransactionException,jakarta.persistence.TransactionRequiredException,org.mconnectevents.client.MConnectEventsUnavailableException,org.mconnectevents.client.MConnectEventsConfigurationException";

    /**
     * The type of produced events (Organization.System.Entity.Action) when neither the body nor the
     * CamelCloudEventType header gives one.
     */
    private String type;

    /**
     * The largest request body, in bytes.
     */
    private Integer maxRequestSize = 1048576;

    /**
     * The operator's checklist: how far this machine's clock may differ from the service's (read off the Date header
     * of its answers) before the checklist reports the producer's event time as not consistent.
     */
    private Duration clockSkewWarning = Duration.ofMillis(2000);

    /**
     * The operator's checklist: the share of the last 1000 events one partition key may carry before the checklist
     * reports the keys as not varied (a constant key keeps the service from spreading the events over its partitions).
     */
    private Double partitionKeyShareWarning = 0.5;

    /**
     * The operator's checklist: a check of every event produced that reports, never refuses, such as the building
     * blocks' PersonalDataPolicy.producerCheck(), which tells whether events carry the data subjects their consumers
     * must record. Give a bean reference, #bean:name or #name.
     */
    private MConnectEventsProducedEventCheck producedEventCheck;

    /**
     * Once the CamelContext has started, log how the application meets the operator's checklists: one INFO line, and a
     * WARN line for each item not met.
     */
    private Boolean logChecklist = true;

    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then gets
     * configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection
     * factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled = true;

    /**
     * How long to wait for a TCP and TLS connection.
     */
    private Duration connectTimeout = Duration.ofMillis(30000);

    /**
     * A debugging aid, never for production: let log lines and exception messages carry what may be personal data of
     * an event (the messages of the failures of its route, the service's explanation of a malformed event, partition
     * keys, what the JSON parser quotes). By default they name events by source, id, type, offset and size, and
     * failures by exception class and rule.
     */
    private Boolean logEventData = false;

    /**
     * HTTP connections kept open per endpoint.
     */
    private Integer maxConnections = 8;

    /**
     * The largest event, in bytes of its JSON form: a produced event over it is refused before sending; a consumed one
     * over it is handed to the route as an event that cannot be read (a poison event, see
     * MConnectEventsDecodeException).
     */
    private Integer maxEventSize = 65536;

    /**
     * How long a request waits for its answer; a long poll waits this long too, so keep it above the service's poll
     * timeout (30 s).
     */
    private Duration requestTimeout = Duration.ofMillis(100000);

    /**
     * The Vert.x instance to share (e.g. the one of Camel Quarkus). When none is set or found in the registry, the
     * component creates one and closes it when it stops. Give a bean reference, #bean:name or #name.
     */
    private Vertx vertx;

    /**
     * Used for enabling or disabling all consumer based health checks from this component
     */
    private Boolean healthCheckConsumerEnabled = true;

    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has by
     * default disabled all producer based health-checks. You can turn on producer checks globally by setting
     * camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled = true;

    /**
     * Days before the client certificate expires from which the certificate health check warns and a WARN line is
     * logged once a day.
     */
    private Integer certificateExpiryWarning = 30;

    /**
     * PEM file with the client certificate followed by its intermediate CA certificates (instead of keyStore).
     */
    private String certificateFile;

    /**
     * The alias of the key to use when the key store holds more than one (during a certificate renewal, say); required
     * then. Only this key's certificate is checked at start and sent.
     */
    private String keyAlias;

    /**
     * The client key store: the private key with the client certificate and its intermediate CA certificates (MConnect
     * Events requires the chain in the handshake). A file path, or classpath:, file: or http: resource.
     */
    private String keyStore;

    /**
     * The password of the client key store and of its key. A secret: masked by the actuator's env and configprops
     * endpoints.
     */
    private String keyStorePassword;

    /**
     * The type of the client key store.
     */
    private String keyStoreType = "PKCS12";

    /**
     * PEM file with the client's private key (PKCS#8, or SEC1/PKCS#1), with certificateFile. A secret: masked by the
     * actuator's env and configprops endpoints.
     */
    private String privateKeyFile;

    /**
     * Refuse at start a client certificate that comes without the intermediate CA certificate that issued it (the
     * service would refuse the handshake).
     */
    private Boolean requireIntermediates = true;

    /**
     * Camel SSL context parameters giving the client certificate (key managers, certAlias), trust (trust managers),
     * protocols and cipher suites (its client parameters over the common ones). Use this, or keyStore, or
     * certificateFile with privateKeyFile. Give a bean reference, #bean:name or #name.
     */
    private SSLContextParameters sslContextParameters;

    /**
     * What to trust instead of the JVM's default trust: a key store, or a PEM file of CA certificates (e.g. the
     * emulator's ca.crt).
     */
    private String trustStore;

    /**
     * The password of the trust store (not needed for PEM). A secret: masked by the actuator's env and configprops
     * endpoints.
     */
    private String trustStorePassword;

    /**
     * The type of the trust store when it is a key store.
     */
    private String trustStoreType = "PKCS12";

    /**
     * Use the CamelContext's global SSL context parameters for the endpoints that give no client certificate of their
     * own (no sslContextParameters, keyStore or certificateFile).
     */
    private Boolean useGlobalSslContextParameters = false;

    public String getBaseAddress() {
        return baseAddress;
    }

    public void setBaseAddress(String baseAddress) {
        this.baseAddress = baseAddress;
    }

    public MConnectEventsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(MConnectEventsConfiguration configuration) {
        this.configuration = configuration;
    }

    public Boolean getAutoConfirm() {
        return autoConfirm;
    }

    public void setAutoConfirm(Boolean autoConfirm) {
        this.autoConfirm = autoConfirm;
    }

    public String getBodyType() {
        return bodyType;
    }

    public void setBodyType(String bodyType) {
        this.bodyType = bodyType;
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }

    public Integer getConcurrentConsumers() {
        return concurrentConsumers;
    }

    public void setConcurrentConsumers(Integer concurrentConsumers) {
        this.concurrentConsumers = concurrentConsumers;
    }

    public Integer getConfirmBatchSize() {
        return confirmBatchSize;
    }

    public void setConfirmBatchSize(Integer confirmBatchSize) {
        this.confirmBatchSize = confirmBatchSize;
    }

    public Duration getConfirmInterval() {
        return confirmInterval;
    }

    public void setConfirmInterval(Duration confirmInterval) {
        this.confirmInterval = confirmInterval;
    }

    public Boolean getDead() {
        return dead;
    }

    public void setDead(Boolean dead) {
        this.dead = dead;
    }

    public Boolean getEvents() {
        return events;
    }

    public void setEvents(Boolean events) {
        this.events = events;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public Integer getParallelism() {
        return parallelism;
    }

    public void setParallelism(Integer parallelism) {
        this.parallelism = parallelism;
    }

    public Duration getReconnectDelay() {
        return reconnectDelay;
    }

    public void setReconnectDelay(Duration reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    public Duration getReconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    public void setReconnectMaxDelay(Duration reconnectMaxDelay) {
        this.reconnectMaxDelay = reconnectMaxDelay;
    }

    public Duration getStopTimeout() {
        return stopTimeout;
    }

    public void setStopTimeout(Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
    }

    public Boolean getTest() {
        return test;
    }

    public void setTest(Boolean test) {
        this.test = test;
    }

    public String getTransport() {
        return transport;
    }

    public void setTransport(String transport) {
        this.transport = transport;
    }

    public Integer getMaxPendingEvents() {
        return maxPendingEvents;
    }

    public void setMaxPendingEvents(Integer maxPendingEvents) {
        this.maxPendingEvents = maxPendingEvents;
    }

    public Duration getPingInterval() {
        return pingInterval;
    }

    public void setPingInterval(Duration pingInterval) {
        this.pingInterval = pingInterval;
    }

    public Duration getPingTimeout() {
        return pingTimeout;
    }

    public void setPingTimeout(Duration pingTimeout) {
        this.pingTimeout = pingTimeout;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public Boolean getIncludeDeadReason() {
        return includeDeadReason;
    }

    public void setIncludeDeadReason(Boolean includeDeadReason) {
        this.includeDeadReason = includeDeadReason;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public Boolean getSplitBatches() {
        return splitBatches;
    }

    public void setSplitBatches(Boolean splitBatches) {
        this.splitBatches = splitBatches;
    }

    public String getStructuralExceptions() {
        return structuralExceptions;
    }

    public void setStructuralExceptions(String structuralExceptions) {
        this.structuralExceptions = structuralExceptions;
    }

    public String getTechnicalExceptions() {
        return technicalExceptions;
    }

    public void setTechnicalExceptions(String technicalExceptions) {
        this.technicalExceptions = technicalExceptions;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public Integer getMaxRequestSize() {
        return maxRequestSize;
    }

    public void setMaxRequestSize(Integer maxRequestSize) {
        this.maxRequestSize = maxRequestSize;
    }

    public Duration getClockSkewWarning() {
        return clockSkewWarning;
    }

    public void setClockSkewWarning(Duration clockSkewWarning) {
        this.clockSkewWarning = clockSkewWarning;
    }

    public Double getPartitionKeyShareWarning() {
        return partitionKeyShareWarning;
    }

    public void setPartitionKeyShareWarning(Double partitionKeyShareWarning) {
        this.partitionKeyShareWarning = partitionKeyShareWarning;
    }

    public MConnectEventsProducedEventCheck getProducedEventCheck() {
        return producedEventCheck;
    }

    public void setProducedEventCheck(MConnectEventsProducedEventCheck producedEventCheck) {
        this.producedEventCheck = producedEventCheck;
    }

    public Boolean getLogChecklist() {
        return logChecklist;
    }

    public void setLogChecklist(Boolean logChecklist) {
        this.logChecklist = logChecklist;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Boolean getLogEventData() {
        return logEventData;
    }

    public void setLogEventData(Boolean logEventData) {
        this.logEventData = logEventData;
    }

    public Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public Integer getMaxEventSize() {
        return maxEventSize;
    }

    public void setMaxEventSize(Integer maxEventSize) {
        this.maxEventSize = maxEventSize;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Vertx getVertx() {
        return vertx;
    }

    public void setVertx(Vertx vertx) {
        this.vertx = vertx;
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    public Integer getCertificateExpiryWarning() {
        return certificateExpiryWarning;
    }

    public void setCertificateExpiryWarning(Integer certificateExpiryWarning) {
        this.certificateExpiryWarning = certificateExpiryWarning;
    }

    public String getCertificateFile() {
        return certificateFile;
    }

    public void setCertificateFile(String certificateFile) {
        this.certificateFile = certificateFile;
    }

    public String getKeyAlias() {
        return keyAlias;
    }

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

    public String getPrivateKeyFile() {
        return privateKeyFile;
    }

    public void setPrivateKeyFile(String privateKeyFile) {
        this.privateKeyFile = privateKeyFile;
    }

    public Boolean getRequireIntermediates() {
        return requireIntermediates;
    }

    public void setRequireIntermediates(Boolean requireIntermediates) {
        this.requireIntermediates = requireIntermediates;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
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

    public Boolean getUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    public void setUseGlobalSslContextParameters(Boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public Duration getLingerTime() {
        return lingerTime;
    }

    public void setLingerTime(Duration lingerTime) {
        this.lingerTime = lingerTime;
    }

    public Integer getBatchMaxEvents() {
        return batchMaxEvents;
    }

    public void setBatchMaxEvents(Integer batchMaxEvents) {
        this.batchMaxEvents = batchMaxEvents;
    }

    public Integer getBatchMaxSize() {
        return batchMaxSize;
    }

    public void setBatchMaxSize(Integer batchMaxSize) {
        this.batchMaxSize = batchMaxSize;
    }

    public Integer getMaxWaitingEvents() {
        return maxWaitingEvents;
    }

    public void setMaxWaitingEvents(Integer maxWaitingEvents) {
        this.maxWaitingEvents = maxWaitingEvents;
    }

    public Integer getMaxInFlightRequests() {
        return maxInFlightRequests;
    }

    public void setMaxInFlightRequests(Integer maxInFlightRequests) {
        this.maxInFlightRequests = maxInFlightRequests;
    }

    public Boolean getFailWhenFull() {
        return failWhenFull;
    }

    public void setFailWhenFull(Boolean failWhenFull) {
        this.failWhenFull = failWhenFull;
    }
}
