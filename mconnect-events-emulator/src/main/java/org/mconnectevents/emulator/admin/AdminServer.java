package org.mconnectevents.emulator.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.mconnectevents.emulator.broker.Broker;
import org.mconnectevents.emulator.config.ConfigException;
import org.mconnectevents.emulator.config.ConfigLoader;
import org.mconnectevents.emulator.config.EmulatorConfig;
import org.mconnectevents.emulator.config.Faults;
import org.mconnectevents.emulator.server.FaultInjector;
import org.mconnectevents.emulator.server.ServiceServer;

import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin API: plain HTTP, JSON, bound to {@code adminHost} (loopback unless configured otherwise, since it has
 * no authentication). Inspection ({@code GET /emulator/state}, a client's
 * dead events and personal-data log), fault injection ({@code PUT/GET/DELETE /emulator/faults}), frames injected
 * into a client's stream ({@code POST /emulator/clients/{name}/inject}), {@code POST /emulator/reset} and
 * {@code POST /emulator/sessions/close}; and the web console under {@code /console/} with the endpoints it reads
 * ({@link ConsoleApi}). Runs on the context thread.
 */
public final class AdminServer {

    private static final Pattern CLIENT_PATH = Pattern.compile("^/emulator/clients/([^/]+)/(dead|personal-data-log)$");
    private static final Pattern INJECT_PATH = Pattern.compile("^/emulator/clients/([^/]+)/inject$");

    private final Vertx vertx;
    private final Broker broker;
    private final FaultInjector faults;
    private final ServiceServer service;
    private final String host;
    private final int port;
    private final ConsoleResources consoleResources = new ConsoleResources();
    private final ConsoleApi console;
    private HttpServer server;

    public AdminServer(Vertx vertx, Broker broker, FaultInjector faults, ServiceServer service, EmulatorConfig config,
                       Clock clock) {
        this.vertx = vertx;
        this.broker = broker;
        this.faults = faults;
        this.service = service;
        this.host = config.adminHost();
        this.port = config.adminPort();
        Overview overview = new Overview(broker, faults, config, clock);
        this.console = new ConsoleApi(broker, service, overview, new ConsoleStream(vertx, overview));
    }

    public Future<HttpServer> start() {
        // HTTP/1.1 only: a client that offers the clear-text upgrade to HTTP/2 (the JDK's HttpClient does on every GET)
        // got a large answer as HTTP/1.1 bytes on the upgraded connection now and then (ConsoleApiTest, one run in four)
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setHttp2ClearTextEnabled(false))
                .requestHandler(this::route);
        return server.listen();
    }

    public int port() {
        return server.actualPort();
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void route(HttpServerRequest request) {
        String path = request.path();
        HttpMethod method = request.method();
        Matcher client = CLIENT_PATH.matcher(path);
        Matcher inject = INJECT_PATH.matcher(path);
        if (method == HttpMethod.GET && path.equals("/emulator/state")) {
            json(request.response(), 200, broker.state().toString());
        } else if (method == HttpMethod.GET && client.matches()) {
            clientView(request, client.group(1), client.group(2));
        } else if (method == HttpMethod.POST && inject.matches()) {
            inject(request, inject.group(1));
        } else if (path.equals("/emulator/faults")) {
            faults(request, method);
        } else if (method == HttpMethod.POST && path.equals("/emulator/reset")) {
            service.dropSessions();
            broker.reset();
            faults.set(Faults.NONE);
            request.response().setStatusCode(204).end();
        } else if (method == HttpMethod.POST && path.equals("/emulator/sessions/close")) {
            json(request.response(), 200, "{\"closed\":" + service.dropSessions() + "}");
        } else if (!(method == HttpMethod.GET && consoleResources.serve(path, request.response()))
                && !console.handle(request)) {
            text(request.response(), 404, method + " " + path + " is not an admin endpoint");
        }
    }

    private void clientView(HttpServerRequest request, String name, String view) {
        HttpServerResponse response = request.response();
        if (!broker.knows(name)) {
            text(response, 404, "no client named " + name + " is configured");
        } else if (view.equals("dead")) {
            json(response, 200, broker.deadEvents(name).toString());
        } else {
            // optional filters of the console: parts of the subject and of the type
            json(response, 200, broker.personalDataLog(name, request.getParam("subject"), request.getParam("type"))
                    .toString());
        }
    }

    /** Puts a frame into the client's stream; answers with the partition it went to. */
    private void inject(HttpServerRequest request, String name) {
        request.body().onSuccess(body -> {
            if (!broker.knows(name)) {
                text(request.response(), 404, "no client named " + name + " is configured");
                return;
            }
            try {
                int partition = broker.inject(name, InjectionJson.read(body.toString()));
                json(request.response(), 200, "{\"client\":\"" + name + "\",\"partition\":" + partition + "}");
            } catch (IllegalArgumentException e) {
                text(request.response(), 400, e.getMessage());
            }
        });
    }

    private void faults(HttpServerRequest request, HttpMethod method) {
        if (method == HttpMethod.GET) {
            json(request.response(), 200, FaultsJson.write(faults.current()));
        } else if (method == HttpMethod.DELETE) {
            faults.set(Faults.NONE);
            request.response().setStatusCode(204).end();
        } else if (method == HttpMethod.PUT) {
            request.body().onSuccess(body -> {
                try {
                    faults.set(ConfigLoader.faultsFrom(body.toString(), "PUT /emulator/faults"));
                    json(request.response(), 200, FaultsJson.write(faults.current()));
                } catch (ConfigException e) {
                    text(request.response(), 400, e.getMessage());
                }
            });
        } else {
            text(request.response(), 405, method + " is not supported on /emulator/faults");
        }
    }

    private static void json(HttpServerResponse response, int status, String body) {
        AdminReplies.json(response, status, body);
    }

    private static void text(HttpServerResponse response, int status, String body) {
        AdminReplies.text(response, status, body);
    }
}
