package org.mconnectevents.emulator.admin;

import io.vertx.core.http.HttpServerResponse;

/** How the admin API answers: JSON, or plain text for errors. */
final class AdminReplies {

    private AdminReplies() {
    }

    static void json(HttpServerResponse response, int status, String body) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    static void text(HttpServerResponse response, int status, String body) {
        response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(body + "\n");
    }
}
