package org.mconnectevents.emulator.server;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import org.mconnectevents.emulator.broker.Broker;
import org.mconnectevents.emulator.broker.SessionOptions;
import org.mconnectevents.emulator.config.ClientConfig;
import org.mconnectevents.emulator.config.EmulatorConfig;
import org.mconnectevents.emulator.event.EventParser;
import org.mconnectevents.emulator.event.EventRejectedException;
import org.mconnectevents.emulator.event.TypeSchemas;
import org.mconnectevents.emulator.tls.EmulatorCertificates;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The service's HTTPS endpoint with mutual TLS: produce, consume (WebSocket and long polling) and tools.
 * The server trusts the root CA only, so a client that does not send its intermediate certificate fails the
 * handshake. Requests without a client certificate get 400, unknown clients 401, and so do clients that consume
 * no type when they open a consumer session.
 * <p>
 * Connections are served on an event loop of their own: TLS, HTTP, reading and checking events happen there,
 * and whatever touches the broker is handed to the {@link BrokerLoop}.
 */
public final class ServiceServer {

    /** The WebSocket sub-protocol the service speaks. */
    public static final String SUB_PROTOCOL = "cloudevents.json";
    private static final int MAX_WEBSOCKET_MESSAGE = 2 * 1024 * 1024;

    private final Vertx vertx;
    private final BrokerLoop loop;
    private final EmulatorConfig config;
    private final Broker broker;
    private final FaultInjector faults;
    private final Clock clock;
    private final Replies replies;
    private final ProduceEndpoints produce;
    private final LongPollingConsumers longPolling;
    private final EventParser deadParser;
    private HttpServer server;

    public ServiceServer(Vertx vertx, BrokerLoop loop, EmulatorConfig config, Broker broker, TypeSchemas schemas,
                         FaultInjector faults, Clock clock) {
        this.vertx = vertx;
        this.loop = loop;
        this.config = config;
        this.broker = broker;
        this.faults = faults;
        this.clock = clock;
        this.replies = new Replies(vertx, faults);
        this.produce = new ProduceEndpoints(loop, config, broker, schemas, faults, replies, clock);
        // a consumer may add a failure reason to the event it reports dead: allow up to a request's size
        this.deadParser = new EventParser(config.maxRequestSize());
        this.longPolling = new LongPollingConsumers(loop, config, broker, faults, replies, deadParser, clock);
    }

    /** Binds the HTTPS port on an event loop of its own. */
    public Future<Void> start(EmulatorCertificates certificates) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setSsl(true)
                .setKeyCertOptions(new PfxOptions()
                        .setPath(certificates.serverKeyStoreFile().toString())
                        .setPassword(new String(certificates.keyStorePassword())))
                .setTrustOptions(new PemTrustOptions().addCertPath(certificates.rootCertificateFile().toString()))
                .setClientAuth(ClientAuth.REQUEST)
                .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"))
                .setUseAlpn(true)
                .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
                .setWebSocketSubProtocols(List.of(SUB_PROTOCOL))
                .setMaxWebSocketMessageSize(MAX_WEBSOCKET_MESSAGE)
                .setMaxWebSocketFrameSize(MAX_WEBSOCKET_MESSAGE)
                .setCompressionSupported(false);
        return vertx.deployVerticle(new AbstractVerticle() {
            @Override
            public void start(Promise<Void> started) {
                server = vertx.createHttpServer(options).requestHandler(ServiceServer.this::route);
                server.listen().<Void>mapEmpty().onComplete(started);
            }
        }).mapEmpty();
    }

    /** The bound port. */
    public int port() {
        return server.actualPort();
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** Expires idle long-polling instances; called periodically on the broker loop. */
    public void expireIdleInstances() {
        longPolling.expireIdle();
    }

    /**
     * Closes every consumer session (WebSocket and long polling); their unconfirmed events come again.
     * Called on the broker loop.
     */
    public int dropSessions() {
        int sessions = broker.sessions().size();
        longPolling.closeAll();
        broker.dropAll("the service closed the session (admin request)");
        return sessions;
    }

    /**
     * Closes one consumer session (a long-polling instance is removed, so its URLs answer 404); its unconfirmed
     * events come again. False when no session has that id. Called on the broker loop.
     */
    public boolean dropSession(long sessionId) {
        return longPolling.close(sessionId)
                || broker.drop(sessionId, "the service closed the session (admin request)");
    }

    /**
     * Stores a test event for a client as {@code POST /ce/tools/consumer/test} from that client would, from one
     * CloudEvent in structured JSON form, checked as the service checks a produced event (the type's schema
     * included). Called on the broker loop.
     *
     * @throws EventRejectedException with the status and text the service would answer
     */
    public void storeTestEvent(String client, byte[] structuredEvent) {
        produce.storeTestEvent(client, structuredEvent);
    }

    private void route(HttpServerRequest request) {
        // an origin server with a clock sends it on every answer (RFC 9110, 6.6.1); producers compare it with theirs
        request.response().putHeader(HttpHeaders.DATE, DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atZone(ZoneOffset.UTC)));
        String client = ClientIdentity.commonName(request);
        if (client == null) {
            replies.text(request.response(), 400, "no client certificate: MConnect Events requires mutual TLS");
            return;
        }
        ClientConfig caller = config.client(client).orElse(null);
        if (caller == null) {
            replies.text(request.response(), 401, "client " + client + " is not registered with the service");
            return;
        }
        try {
            dispatch(request, caller);
        } catch (EventRejectedException e) {
            replies.text(request.response(), e.status(), e.getMessage());
        }
    }

    private void dispatch(HttpServerRequest request, ClientConfig caller) {
        String path = request.path();
        HttpMethod method = request.method();
        if (method == HttpMethod.POST && path.equals("/ce/produce/raw")) {
            produce.raw(request, caller);
        } else if (method == HttpMethod.POST && path.equals("/ce/produce/event")) {
            produce.event(request, caller);
        } else if (method == HttpMethod.POST && path.equals("/ce/produce/events")) {
            produce.events(request, caller);
        } else if (method == HttpMethod.GET && path.equals("/ce/consume/ws")) {
            upgrade(request, mayConsume(caller));
        } else if (method == HttpMethod.POST && path.equals("/ce/consumers")) {
            String consumer = mayConsume(caller).name();
            onBrokerLoop(request, () -> longPolling.create(request, consumer));
        } else if (method == HttpMethod.POST && path.equals("/ce/tools/consumer/test")) {
            produce.testEvent(request, caller);
        } else if (method == HttpMethod.GET && path.equals("/ce/tools/my-settings")) {
            produce.settings(request, caller);
        } else {
            Matcher instancePath = LongPollingConsumers.INSTANCE_PATH.matcher(path);
            if (instancePath.matches()) {
                instanceRequest(request, caller.name(), instancePath);
            } else {
                replies.text(request.response(), 404, method + " " + path + " is not an MConnect Events endpoint");
            }
        }
    }

    /**
     * Consuming is a permission like producing: the service answers 401 to a client registered with no consumed
     * type rather than giving it a session that could never receive anything.
     */
    private static ClientConfig mayConsume(ClientConfig caller) {
        if (caller.consumes().isEmpty()) {
            throw new EventRejectedException(401, "client " + caller.name() + " consumes no event type: it is"
                    + " registered as a producer only; register the types it consumes to open a consumer session");
        }
        return caller;
    }

    /** A request under a long-polling instance; a dead report's body is read here, the rest is the broker's. */
    private void instanceRequest(HttpServerRequest request, String client, Matcher path) {
        if (request.method() == HttpMethod.POST && "/dead".equals(path.group(4))) {
            Replies.readBody(request, config.maxRequestSize(),
                    body -> onBrokerLoop(request, () -> longPolling.handle(request, client, path, body)),
                    tooLarge -> replies.text(request.response(), 413, tooLarge));
        } else {
            onBrokerLoop(request, () -> longPolling.handle(request, client, path, Buffer.buffer()));
        }
    }

    private void onBrokerLoop(HttpServerRequest request, Runnable task) {
        loop.run(() -> {
            try {
                task.run();
            } catch (EventRejectedException e) {
                replies.text(request.response(), e.status(), e.getMessage());
            }
        });
    }

    private void upgrade(HttpServerRequest request, ClientConfig caller) {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            replies.text(request.response(), 400, "/ce/consume/ws is a WebSocket endpoint: send an upgrade request");
            return;
        }
        String protocols = request.getHeader("Sec-WebSocket-Protocol");
        if (protocols == null || List.of(protocols.split("\\s*,\\s*")).stream().noneMatch(SUB_PROTOCOL::equals)) {
            replies.text(request.response(), 400, "the WebSocket sub-protocol " + SUB_PROTOCOL + " is required");
            return;
        }
        SessionOptions options = ConsumeOptions.parse(request);
        request.toWebSocket().onSuccess(socket -> WebSocketConsumer.start(loop, socket, caller.name(), options,
                broker, faults, deadParser, clock));
    }
}
