package org.mconnectevents.client;

import io.cloudevents.CloudEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

/**
 * A consumer session over WebSocket ({@code GET /ce/consume/ws}, sub-protocol {@code cloudevents.json}):
 * events arrive as text messages; {@code confirm:<offset>} and {@code dead:<event>} go back. Pings find a
 * half-open connection: a ping every {@code pingInterval}, and without its pong {@code pingTimeout} after it (counted
 * while the socket reads) the session ends and the consumer reconnects.
 * State is guarded by the session's monitor.
 */
final class WebSocketSession implements ConsumerSession {

    private final Vertx vertx;
    private final WebSocket socket;
    private final String address;
    private final WebSocketSettings settings;
    private final int maxEventSize;
    private final SessionListener listener;

    private boolean ended;
    private boolean closing;
    private boolean paused;
    /** A ping went out and its pong has not been read yet. */
    private boolean awaitingPong;
    private long pingTimer = -1;
    /** Armed while a ping is unanswered and the socket reads: when it fires, the connection is half-open. */
    private long pongTimer = -1;

    private WebSocketSession(Vertx vertx, WebSocket socket, String address, WebSocketSettings settings, int maxEventSize,
                             SessionListener listener) {
        this.vertx = vertx;
        this.socket = socket;
        this.address = address;
        this.settings = settings;
        this.maxEventSize = maxEventSize;
        this.listener = listener;
    }

    static WebSocketSession start(Vertx vertx, WebSocket socket, String address, WebSocketSettings settings, int maxEventSize,
                                  SessionListener listener) {
        WebSocketSession session = new WebSocketSession(vertx, socket, address, settings, maxEventSize, listener);
        socket.textMessageHandler(session::onText);
        socket.pongHandler(pong -> session.onPong());
        socket.exceptionHandler(session::onFailure);
        socket.closeHandler(closed -> session.onClose());
        long interval = settings.pingInterval().toMillis();
        synchronized (session) {
            session.pingTimer = vertx.setPeriodic(interval, interval, timer -> session.ping());
        }
        return session;
    }

    /**
     * One message: an event, or what could be read of one. Reading never ends the session: an event that cannot be
     * read still has an offset and goes to the listener undecoded, and a message without even an offset is skipped
     * (the next cumulative confirmation covers it).
     */
    private void onText(String text) {
        synchronized (this) {
            if (ended) {
                return; // never confirmed in this session, so it comes again in a later one
            }
        }
        ConsumedEvent event;
        try {
            event = EventCodec.consumed(text.getBytes(StandardCharsets.UTF_8), maxEventSize);
        } catch (UnreadableFrameException e) {
            listener.onUnreadable(this, e);
            return;
        }
        listener.onEvent(this, event);
    }

    /** Ends the session for a reason of its own and closes the socket, so that the service frees the session's events. */
    private void failed(Throwable cause) {
        end(cause);
        if (!socket.isClosed()) {
            socket.close((short) 1011, "consumer ended the session");
        }
    }

    /**
     * Sends a ping unless one is still unanswered, and gives its pong {@code pingTimeout} to arrive. A ping goes out
     * while the socket is paused too, but its clock runs only while the socket reads (see {@link #pause()}).
     */
    private synchronized void ping() {
        if (ended || awaitingPong) {
            return;
        }
        awaitingPong = true;
        socket.writePing(Buffer.buffer("mconnect-events"));
        if (!paused) {
            armPongTimer();
        }
    }

    /** Under the monitor. */
    private void armPongTimer() {
        pongTimer = vertx.setTimer(settings.pingTimeout().toMillis(), this::pongMissing);
    }

    /** Under the monitor. */
    private void disarmPongTimer() {
        if (pongTimer >= 0) {
            vertx.cancelTimer(pongTimer);
            pongTimer = -1;
        }
    }

    private void pongMissing(long timer) {
        synchronized (this) {
            // a pong, a pause (and resume, which arms a new timer) or the end may have come while this one fired
            if (timer != pongTimer || ended || paused || !awaitingPong) {
                return;
            }
            pongTimer = -1;
        }
        failed(new TimeoutException("no pong within " + settings.pingTimeout() + " on " + address
                + ": the connection is half-open"));
    }

    private synchronized void onPong() {
        awaitingPong = false;
        disarmPongTimer();
    }

    private void onFailure(Throwable failure) {
        failed(new MConnectEventsUnavailableException(0, "The WebSocket session at " + address + " failed: "
                + MConnectEventsClient.describe(failure), failure));
    }

    private void onClose() {
        boolean byUs;
        synchronized (this) {
            byUs = closing;
        }
        end(byUs ? null : new MConnectEventsUnavailableException(0, "MConnect Events closed the WebSocket session at "
                + address + " (status " + socket.closeStatusCode() + (socket.closeReason() == null ? "" : " " + socket.closeReason())
                + ")", null));
    }

    private void end(Throwable cause) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            vertx.cancelTimer(pingTimer);
            disarmPongTimer();
        }
        listener.onClosed(cause);
    }

    @Override
    public Future<Void> confirm(long offset) {
        return write("confirm:" + offset);
    }

    @Override
    public boolean keepsConfirmationsInOrder() {
        return true;
    }

    @Override
    public Future<Void> dead(CloudEvent event) {
        return write("dead:" + new String(EventCodec.toJson(event), StandardCharsets.UTF_8));
    }

    private Future<Void> write(String message) {
        synchronized (this) {
            if (ended) {
                return Future.failedFuture(new MConnectEventsUnavailableException(0, "The WebSocket session at " + address
                        + " has ended; its unconfirmed events come again in a new session", null));
            }
        }
        return socket.writeTextMessage(message);
    }

    /**
     * Stops reading (back-pressure). Once its buffer of unread messages is full, a paused socket reads nothing from
     * the connection, pongs included, so an unanswered ping is not judged while paused: its clock stops here and
     * starts again, with a whole {@code pingTimeout}, on resume, since its pong may be waiting among the bytes not
     * read yet. A connection that died while paused is found pingTimeout after the resume.
     */
    @Override
    public synchronized void pause() {
        if (!paused) {
            paused = true;
            disarmPongTimer();
            socket.pause();
        }
    }

    @Override
    public synchronized void resume() {
        if (paused) {
            paused = false;
            if (awaitingPong && !ended) {
                armPongTimer();
            }
            socket.resume();
        }
    }

    @Override
    public Future<Void> close() {
        boolean wasPaused;
        synchronized (this) {
            closing = true;
            wasPaused = paused;
            paused = false;
        }
        end(null);
        if (wasPaused) {
            // a paused socket stops reading once its buffer is full, the service's close frame included, and the
            // close would then wait for the closing timeout; what is read from now on is dropped (see onText)
            socket.resume();
        }
        return socket.isClosed() ? Future.succeededFuture() : socket.close((short) 1000, "consumer stopping");
    }

    @Override
    public String describe() {
        return "WebSocket session " + address;
    }
}
