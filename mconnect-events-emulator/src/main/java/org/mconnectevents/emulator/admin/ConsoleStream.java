package org.mconnectevents.emulator.admin;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * {@code GET /emulator/stream}: Server-Sent Events that keep the console live without reloading. Every second, and
 * at once on connecting, an {@code overview} event carries the overview's JSON; the page reads the view it shows
 * again when it receives one. A slow reader skips ticks rather than queueing them. Runs on the context thread.
 */
final class ConsoleStream {

    static final long TICK_MILLIS = 1000;

    private final Vertx vertx;
    private final Overview overview;

    ConsoleStream(Vertx vertx, Overview overview) {
        this.vertx = vertx;
        this.overview = overview;
    }

    void open(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache");
        response.write("retry: 2000\n\n");
        send(response);
        long timer = vertx.setPeriodic(TICK_MILLIS, id -> {
            if (!response.writeQueueFull()) {
                send(response);
            }
        });
        response.closeHandler(v -> vertx.cancelTimer(timer));
        response.exceptionHandler(e -> vertx.cancelTimer(timer));
    }

    private void send(HttpServerResponse response) {
        if (!response.closed() && !response.ended()) {
            response.write("event: overview\ndata: " + overview.toJson() + "\n\n");
        }
    }
}
