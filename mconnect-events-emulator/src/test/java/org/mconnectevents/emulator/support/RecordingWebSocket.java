package org.mconnectevents.emulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A JDK WebSocket listener that records the events it receives (and every text message as received, JSON or not)
 * and how the server closed.
 */
public final class RecordingWebSocket implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> events = new ArrayList<>();
    /** Every text message as received, JSON or not (a test may have injected frames that are not). */
    private final List<String> frames = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason;
    private WebSocket socket;

    void attach(WebSocket webSocket) {
        this.socket = webSocket;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            JsonNode event = parseOrNull(frame);
            synchronized (events) {
                frames.add(frame);
                if (event != null) {
                    events.add(event);
                }
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** A copy of the events received so far, in order. */
    public List<JsonNode> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    /** A copy of every text message received so far, as received, in order. */
    public List<String> frames() {
        synchronized (events) {
            return new ArrayList<>(frames);
        }
    }

    /** How many text messages arrived, JSON or not. */
    public int frameCount() {
        synchronized (events) {
            return frames.size();
        }
    }

    private static JsonNode parseOrNull(String frame) {
        try {
            return JSON.readTree(frame);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    /** How many messages that are JSON arrived. */
    public int count() {
        synchronized (events) {
            return events.size();
        }
    }

    /** The offset of the last event received. */
    public long lastOffset() {
        List<JsonNode> received = events();
        return Long.parseLong(received.get(received.size() - 1).get("offset").asText());
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void confirm(long offset) {
        send("confirm:" + offset);
    }

    /** Closes from the client side and waits for the close to complete; nothing to do if the server closed. */
    public void close() {
        if (closed.isDone() || socket.isOutputClosed()) {
            return;
        }
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        } catch (CompletionException e) {
            // The server's close crossed ours and the JDK answered it first ("Output closed"): closed all the same.
            if (!socket.isOutputClosed()) {
                throw e;
            }
        }
    }

    /** Drops the connection without a close handshake. */
    public void abort() {
        socket.abort();
    }

    /** Whether the server closed the connection (complete with the status code). */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    public String closeReason() {
        return closeReason;
    }

    public int awaitCloseCode(long seconds) {
        try {
            return closed.get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the server did not close the WebSocket within " + seconds + " s", e);
        }
    }
}
