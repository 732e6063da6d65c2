package org.mconnectevents.camel.support;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback between the component and the emulator, forwarding bytes both ways (TLS passes through
 * untouched), that can misbehave as networks do: refuse new connections, or stall the connections open now so that
 * what the service sends no longer arrives while nothing is closed. Owns its Vert.x; close it after the test.
 */
public final class LoopbackProxy implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final String host;
    private final int targetPort;
    private final NetClient client;
    private final NetServer server;
    private final Set<NetSocket> fromService = ConcurrentHashMap.newKeySet();
    private final Set<NetSocket> stalled = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Long> sentWhileStalled = new CompletableFuture<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean refusing;

    private LoopbackProxy(String host, int targetPort) {
        this.host = host;
        this.targetPort = targetPort;
        this.client = vertx.createNetClient();
        this.server = vertx.createNetServer().connectHandler(this::accept);
    }

    /** A proxy to 127.0.0.1:{@code targetPort}, listening on a free loopback port. */
    public static LoopbackProxy to(int targetPort) {
        return on("127.0.0.1", targetPort);
    }

    /**
     * A proxy to 127.0.0.1:{@code targetPort}, listening on a free port of another loopback address (such as
     * 127.0.0.2, which the emulator's server certificate does not name).
     */
    public static LoopbackProxy on(String loopbackAddress, int targetPort) {
        LoopbackProxy proxy = new LoopbackProxy(loopbackAddress, targetPort);
        try {
            proxy.server.listen(0, loopbackAddress).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            proxy.close();
            throw new IllegalStateException("the proxy could not listen on loopback", e);
        }
        return proxy;
    }

    /** The REST base address of the service through this proxy. */
    public URI baseAddress() {
        return URI.create("https://" + host + ":" + server.actualPort() + "/");
    }

    /** Connections accepted so far, refused ones included. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** From now on, close every new connection at once (as a service that is down); or stop doing so. */
    public void refuseConnections(boolean refuse) {
        refusing = refuse;
    }

    /**
     * The connections open now stop delivering what the service sends, and nothing tells either side: a half-open
     * connection as the client sees it. What the client sends still passes, so the service sees the client's close.
     * New connections are forwarded as usual.
     */
    public void stallConnections() {
        fromService.forEach(toService -> {
            toService.pause();
            stalled.add(toService);
        });
        fromService.clear();
    }

    /**
     * Completes with the {@link System#nanoTime()} at which a client first sent bytes on a stalled connection. On an
     * idle WebSocket session whose events are all confirmed, that is its next ping: TLS hides the frames, but nothing
     * else is sent.
     */
    public CompletableFuture<Long> clientSentWhileStalled() {
        return sentWhileStalled;
    }

    private void accept(NetSocket fromClient) {
        accepted.incrementAndGet();
        if (refusing) {
            fromClient.close();
            return;
        }
        fromClient.pause();
        client.connect(targetPort, "127.0.0.1").onComplete(connected -> {
            if (connected.failed()) {
                fromClient.close();
                return;
            }
            NetSocket toService = connected.result();
            fromService.add(toService);
            fromClient.handler(bytes -> {
                if (stalled.contains(toService)) {
                    sentWhileStalled.complete(System.nanoTime());
                }
                toService.write(bytes);
            });
            toService.handler(fromClient::write);
            fromClient.closeHandler(closed -> toService.close());
            toService.closeHandler(closed -> {
                fromService.remove(toService);
                fromClient.close();
            });
            fromClient.resume();
        });
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the proxy did not close", e);
        }
    }
}
