package org.mconnectevents.emulator.server;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.time.Duration;

/**
 * Answers of the service: plain-text errors, every answer subject to the response-delay fault, and bodies
 * read with the request-size limit.
 */
final class Replies {

    private final Vertx vertx;
    private final FaultInjector faults;

    Replies(Vertx vertx, FaultInjector faults) {
        this.vertx = vertx;
        this.faults = faults;
    }

    /** Runs {@code answer} after the response-delay fault, if any. */
    void later(Runnable answer) {
        Duration delay = faults.responseDelay();
        if (delay.isZero()) {
            answer.run();
        } else {
            vertx.setTimer(Math.max(1, delay.toMillis()), id -> answer.run());
        }
    }

    void status(HttpServerResponse response, int status) {
        later(() -> {
            if (!response.closed() && !response.ended()) {
                response.setStatusCode(status).end();
            }
        });
    }

    void text(HttpServerResponse response, int status, String message) {
        later(() -> {
            if (!response.closed() && !response.ended()) {
                response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end(message + "\n");
            }
        });
    }

    /**
     * Reads the whole body unless it is over {@code limit} bytes, in which case the request is answered 413
     * (the connection closed after the answer, as the rest of the body is not read). A client that sent
     * {@code Expect: 100-continue} is told to send its body once its announced length is known to fit; without
     * that it would wait for the answer to a request it has not finished.
     */
    static void readBody(HttpServerRequest request, int limit, Handler<Buffer> onBody, Handler<String> tooLarge) {
        String length = request.getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > limit) {
            tooLarge.handle("the request is " + length + " bytes, over the limit of " + limit + " bytes per request");
            return;
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            request.response().writeContinue();
        }
        int expected = length != null && length.matches("\\d{1,9}") ? Math.min(Integer.parseInt(length), limit) : 1024;
        Buffer body = Buffer.buffer(expected);
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                refused[0] = true;
                tooLarge.handle("the request is over the limit of " + limit + " bytes per request");
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (!refused[0]) {
                onBody.handle(body);
            }
        });
    }
}
