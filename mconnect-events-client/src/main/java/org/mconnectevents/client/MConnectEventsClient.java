package org.mconnectevents.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

/**
 * A client of MConnect Events: produce, produce test events, and open consumer sessions over WebSocket or long
 * polling, all over mutual TLS. Knows nothing of Camel. Never blocks: every call answers with a Vert.x
 * {@link Future}. Thread-safe; one client serves any number of sessions. Closing it closes its connections,
 * not the {@link Vertx} it was given.
 * <p>
 * Failures are typed by what to do about them: {@link MConnectEventsRejectedException} (correct the request),
 * {@link MConnectEventsUnavailableException} (retry), {@link MConnectEventsConfigurationException} (correct the
 * configuration: untrusted server certificate, host name mismatch, 401 when a consumer session opens).
 */
public final class MConnectEventsClient implements AutoCloseable {

    static final String WEBSOCKET_SUB_PROTOCOL = "cloudevents.json";
    /**
     * A consumed message over the event size limit is handed to the consumer as an undecoded event (see
     * ConsumeOptions.maxEventSize) rather than closing the connection, up to this size; beyond it Vert.x closes the
     * connection, and the session ends.
     */
    private static final int MAX_MESSAGE_SIZE = 16 * 1024 * 1024;
    private static final int MAX_POLL_CONNECTIONS = 64;

    private final Vertx vertx;
    private final ClientOptions options;
    private final HttpClient http;
    /** Long polls hold a connection for up to the poll timeout: they get their own pool, so produce never waits behind them. */
    private final HttpClient polls;
    private final WebSocketClient webSockets;
    private final ConfigurationErrorListener configurationErrors;
    /**
     * Where requests from threads that are not Vert.x's (a Camel route's, say) are made. On one context, the pool's
     * connections live on its event loop and each answer completes on the event loop that read it. Made from each
     * caller's own context instead, the answer read on the connection's event loop was handed to the caller's event
     * loop first: one more thread switch per request, which cost a third of the CPU of producing single events.
     */
    private final Context callersContext;
    private final ServerClock serverClock = new ServerClock(java.time.Clock.systemUTC());
    private final Address produceEvent;
    private final Address produceEvents;
    private final Address produceRaw;
    private final Address produceTest;

    private MConnectEventsClient(Vertx vertx, ClientOptions options, ConfigurationErrorListener configurationErrors) {
        this.vertx = vertx;
        this.options = options;
        this.configurationErrors = configurationErrors;
        this.callersContext = vertx.getOrCreateContext();
        this.produceEvent = Address.of(options, "ce/produce/event");
        this.produceEvents = Address.of(options, "ce/produce/events");
        this.produceRaw = Address.of(options, "ce/produce/raw");
        this.produceTest = Address.of(options, "ce/tools/consumer/test");
        int connectTimeout = (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis());
        this.http = vertx.createHttpClient(options.tls().applyTo(new HttpClientOptions())
                .setConnectTimeout(connectTimeout)
                .setMaxPoolSize(options.maxConnections())
                .setKeepAlive(true));
        this.polls = vertx.createHttpClient(options.tls().applyTo(new HttpClientOptions())
                .setConnectTimeout(connectTimeout)
                .setMaxPoolSize(MAX_POLL_CONNECTIONS)
                .setKeepAlive(true));
        this.webSockets = vertx.createWebSocketClient(options.tls().applyTo(new WebSocketClientOptions())
                .setConnectTimeout(connectTimeout)
                // an event is at most 64 KiB, but leave room for what the service adds; a server may send an
                // event in one frame, so the frame limit must be as large as the message limit
                .setMaxFrameSize(MAX_MESSAGE_SIZE)
                .setMaxMessageSize(MAX_MESSAGE_SIZE));
    }

    /** A client on this Vert.x; the caller keeps ownership of {@code vertx}. */
    public static MConnectEventsClient create(Vertx vertx, ClientOptions options) {
        return create(vertx, options, error -> { });
    }

    /** A client on this Vert.x that tells {@code configurationErrors} of every configuration error it meets. */
    public static MConnectEventsClient create(Vertx vertx, ClientOptions options, ConfigurationErrorListener configurationErrors) {
        return new MConnectEventsClient(vertx, options, configurationErrors);
    }

    public ClientOptions options() {
        return options;
    }

    /** The service's clock as its answers showed it so far (produce, long polling, tool requests). */
    public ServerClock serverClock() {
        return serverClock;
    }

    Vertx vertx() {
        return vertx;
    }

    /** {@code POST /ce/produce/event}: one event in the JSON event format. {@code what} names it in errors. */
    public Future<Void> produceEvent(byte[] json, String what) {
        return produce(produceEvent.post("application/cloudevents+json"), Buffer.buffer(json), what);
    }

    /** {@code POST /ce/produce/events}: a batch, stored all or nothing. */
    public Future<Void> produceEvents(Buffer jsonArray, String what) {
        return produce(produceEvents.post("application/cloudevents-batch+json"), jsonArray, what);
    }

    /** {@code POST /ce/produce/raw}: one event in binary mode. */
    public Future<Void> produceRaw(BinaryEvent event, String what) {
        return sendBinary(produceRaw.post(event.contentType()), event, what);
    }

    /** {@code POST /ce/tools/consumer/test}: a test event for this client as consumer (binary mode). */
    public Future<Void> produceTestEvent(BinaryEvent event, String what) {
        return sendBinary(produceTest.post(event.contentType()), event, what);
    }

    /** {@code GET /ce/tools/my-settings}: this client's configuration as the service sees it (JSON text). */
    public Future<String> mySettings() {
        return request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(options.rest("ce/tools/my-settings")),
                null, "my-settings").map(Buffer::toString);
    }

    Future<Void> sendBinary(String address, BinaryEvent event, String what) {
        return sendBinary(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(address)
                .putHeader("Content-Type", event.contentType()), event, what);
    }

    private Future<Void> sendBinary(RequestOptions request, BinaryEvent event, String what) {
        event.headers().forEach(request::putHeader);
        return produce(request, event.body(), what);
    }

    /**
     * Sends a request and answers with the body of a successful response (200, 201, 202, 204); a refusal fails
     * with {@link MConnectEventsRejectedException}, anything else with {@link MConnectEventsUnavailableException}.
     */
    Future<Buffer> request(RequestOptions request, Buffer body, String what) {
        return exchange(http, request, body, options.requestTimeout(), what, true).map(Response::body);
    }

    /** A produce request: fails as {@link #request} does; a success answers nothing, so its (empty) body is not read. */
    private Future<Void> produce(RequestOptions request, Buffer body, String what) {
        return exchange(http, request, body, options.requestTimeout(), what, false).mapEmpty();
    }

    /** Like {@link #request} but also answers with the response headers; {@code timeout} bounds the wait for the answer. */
    Future<Response> exchange(RequestOptions request, Buffer body, Duration timeout, String what) {
        return exchange(http, request, body, timeout, what, true);
    }

    /** A long poll: on the pool of the polls. */
    Future<Response> sessionExchange(RequestOptions request, Buffer body, Duration timeout, String what) {
        return exchange(polls, request, body, timeout, what, true);
    }

    private Future<Response> exchange(HttpClient via, RequestOptions request, Buffer body, Duration timeout, String what,
                                      boolean readBody) {
        Promise<Response> answer = Promise.promise();
        if (Vertx.currentContext() != null) {
            exchangeOnContext(via, request, body, timeout, what, readBody, answer);
            return answer.future();
        }
        try {
            callersContext.runOnContext(start -> exchangeOnContext(via, request, body, timeout, what, readBody, answer));
        } catch (RejectedExecutionException e) {
            // Vert.x is closing and takes no more tasks: make the request here, where it fails as it always did
            exchangeOnContext(via, request, body, timeout, what, readBody, answer);
        }
        return answer.future();
    }

    /**
     * Makes the request on the current thread (a Vert.x event loop, or the closing case above) and completes
     * {@code answer} with its outcome. One promise and plain callbacks rather than a chain of composed futures: on the
     * path of every produced event, each step of such a chain is one more future, listener and dispatch.
     */
    private void exchangeOnContext(HttpClient via, RequestOptions request, Buffer body, Duration timeout, String what,
                                   boolean readBody, Promise<Response> answer) {
        try {
            request.setIdleTimeout(timeout.toMillis());
            via.request(request).onComplete(requested -> {
                if (requested.failed()) {
                    answer.handle(notAnswered(requested.cause(), request, what));
                    return;
                }
                HttpClientRequest sending = requested.result();
                (body == null ? sending.send() : sending.send(body)).onComplete(responded -> {
                    try {
                        if (responded.failed()) {
                            answer.handle(notAnswered(responded.cause(), request, what));
                        } else {
                            responded(responded.result(), request, body != null, what, readBody, answer);
                        }
                    } catch (RuntimeException e) {
                        answer.tryFail(e);
                    }
                });
            });
        } catch (RuntimeException e) {
            answer.tryFail(e); // the caller's future carries it, as it would have from the caller's thread
        }
    }

    /** The response came: completes {@code answer}, reading the body first unless a produce succeeded. */
    private void responded(HttpClientResponse response, RequestOptions request, boolean sentABody, String what,
                           boolean readBody, Promise<Response> answer) {
        serverClock.observe(response.getHeader("Date"));
        int status = response.statusCode();
        String location = response.getHeader("Location");
        if (succeeded(status) && !readBody) {
            answer.complete(new Response(status, location, null));
            return;
        }
        // The body is asked for in the very callback that receives the response. Asked for one step later, it can
        // come after a short response already ended, and then it never completes.
        response.body().onComplete(read -> {
            try {
                answer.handle(read.failed() ? notAnswered(read.cause(), request, what)
                        : answered(new Response(status, location, read.result()), request, what, sentABody));
            } catch (RuntimeException e) {
                answer.tryFail(e);
            }
        });
    }

    private static boolean succeeded(int status) {
        return status == 200 || status == 201 || status == 202 || status == 204;
    }

    /** A request that got no answer: a configuration error when the TLS handshake says so, else unavailable. */
    private Future<Response> notAnswered(Throwable cause, RequestOptions request, String what) {
        String target = target(request);
        MConnectEventsConfigurationException misconfigured = ConfigurationFailures.recognise(cause,
                "Could not reach MConnect Events for " + what + " (" + target + ")", options);
        if (misconfigured != null) {
            return configurationError(misconfigured);
        }
        return Future.failedFuture(new MConnectEventsUnavailableException(0, "MConnect Events did not answer "
                + target + " for " + what + ": " + describe(cause)
                + ". The request may or may not have been stored; retrying it is safe.", cause));
    }

    /** An answer: the response when it succeeded, else a refusal (4xx) or unavailable (5xx, 408, 429). */
    private Future<Response> answered(Response response, RequestOptions request, String what, boolean sentABody) {
        int status = response.status();
        if (succeeded(status)) {
            return Future.succeededFuture(response);
        }
        String text = response.body().toString().trim();
        String target = target(request);
        // 408 and 429 say "not now", not "never": retryable like a 5xx
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return Future.failedFuture(new MConnectEventsRejectedException(status, text,
                    "MConnect Events refused " + what + " (" + target + " answered " + status + " "
                            + reason(status) + "): " + explanation(status, text, sentABody)));
        }
        return Future.failedFuture(new MConnectEventsUnavailableException(status, "MConnect Events failed "
                + what + " (" + target + " answered " + status + "): " + text
                + ". The request may or may not have been stored; retrying it is safe.", null));
    }

    /** Opens a WebSocket consumer session; events start flowing to {@code listener} at once. */
    public Future<ConsumerSession> openWebSocketSession(ConsumeOptions consume, WebSocketSettings settings, SessionListener listener) {
        String address = options.webSocket("ce/consume/ws") + "?" + consume.query();
        WebSocketConnectOptions connect = new WebSocketConnectOptions()
                .setAbsoluteURI(address)
                .addSubProtocol(WEBSOCKET_SUB_PROTOCOL);
        connect.setTimeout(options.connectTimeout().toMillis());
        String doing = "Cannot open a WebSocket consumer session at " + address;
        return webSockets.connect(connect)
                .recover(e -> notOpened(e, doing))
                .map(socket -> WebSocketSession.start(vertx, socket, address, settings, consume.maxEventSize(), listener));
    }

    /** Why a WebSocket session did not open: a 401 or a TLS handshake the configuration failed, else the service unavailable. */
    private <T> Future<T> notOpened(Throwable failure, String doing) {
        MConnectEventsConfigurationException misconfigured = failure instanceof UpgradeRejectedException rejected
                && rejected.getStatus() == 401
                ? ConfigurationFailures.notAuthorized(doing, rejected.getBody() == null ? null : rejected.getBody().toString(),
                options, failure)
                : ConfigurationFailures.recognise(failure, doing, options);
        return misconfigured != null ? configurationError(misconfigured)
                : Future.failedFuture(new MConnectEventsUnavailableException(0, doing + ": " + describe(failure), failure));
    }

    /**
     * Creates a consumer instance ({@code POST /ce/consumers}) and starts long polling its returned base address,
     * used verbatim.
     */
    public Future<ConsumerSession> openLongPollingSession(ConsumeOptions consume, SessionListener listener) {
        return openLongPollingSession(consume, false, listener);
    }

    /**
     * Like {@link #openLongPollingSession(ConsumeOptions, SessionListener)}; with {@code singleEventsFirst} the session
     * polls one event at a time at first, as a session after an {@link UnreadableBatchException} should.
     */
    public Future<ConsumerSession> openLongPollingSession(ConsumeOptions consume, boolean singleEventsFirst, SessionListener listener) {
        String address = options.rest("ce/consumers") + "?" + consume.query();
        // creating an instance may take up to ~30 s on the real service
        String what = "a consumer instance for " + consume.describe();
        return exchange(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(address), null, options.requestTimeout(), what)
                .recover(e -> e instanceof MConnectEventsRejectedException rejected && rejected.getStatus() == 401
                        ? configurationError(ConfigurationFailures.notAuthorized("Cannot create " + what + " (POST "
                        + pathOf(address) + ")", rejected.getServerText(), options, e))
                        : Future.failedFuture(e))
                .compose(created -> {
                    if (created.location() == null || created.location().isEmpty()) {
                        return Future.failedFuture(new MConnectEventsUnavailableException(created.status(),
                                "MConnect Events created a consumer instance without a Location header (" + address + ")", null));
                    }
                    return Future.succeededFuture(LongPollingSession.start(this, created.location(), consume.maxEventSize(), singleEventsFirst, listener));
                });
    }

    /** Tells the listener, then fails with the error. */
    private <T> Future<T> configurationError(MConnectEventsConfigurationException error) {
        configurationErrors.configurationError(error);
        return Future.failedFuture(error);
    }

    @Override
    public void close() {
        http.close();
        polls.close();
        webSockets.close();
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
    }

    /**
     * The service's explanation of a refusal, as our message quotes it: what it says of a request body it found
     * malformed (400) or of data that does not match its schema (422) may quote the event's data, so it is left out
     * unless event data is shown.
     */
    private String explanation(int status, String text, boolean sentABody) {
        if (!sentABody || (status != 400 && status != 422) || options.redaction().showsEventData()) {
            return text;
        }
        return "its explanation (" + text.length() + " characters) is left out because it may quote the event's data;"
                + " read it with getServerText(), or set logEventData=true";
    }

    /** How errors name a request; built only when something went wrong, so a produce that succeeds builds no text. */
    private static String target(RequestOptions request) {
        return request.getMethod() + " " + pathOf(request.getURI());
    }

    private static String pathOf(String uri) {
        int scheme = uri.indexOf("://");
        int path = scheme < 0 ? 0 : uri.indexOf('/', scheme + 3);
        return path < 0 ? uri : uri.substring(path);
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "malformed";
            case 401 -> "not authorized";
            case 404 -> "not found";
            case 413 -> "too large";
            case 422 -> "data does not match the type's schema";
            default -> "refused";
        };
    }

    /**
     * A path under the REST base address, parsed once: a request then sets host, port and path, as
     * {@link RequestOptions#setAbsoluteURI(String)} would after parsing the address again on every request.
     */
    private record Address(String host, int port, String path) {

        static Address of(ClientOptions options, String path) {
            URI address = URI.create(options.rest(path));
            return new Address(address.getHost(), address.getPort() < 0 ? 443 : address.getPort(), address.getRawPath());
        }

        RequestOptions post(String contentType) {
            return new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port).setSsl(true).setURI(path)
                    .putHeader("Content-Type", contentType);
        }
    }

    /** A successful or refused HTTP answer; its body is null when a successful produce did not read it. */
    record Response(int status, String location, Buffer body) {
    }
}
