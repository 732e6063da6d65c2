package org.mconnectevents.emulator.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mconnectevents.emulator.Emulator;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A well-behaved WebSocket consumer as PROTOCOL.md asks for: it confirms every event as soon as it arrives and
 * reconnects whenever the service closes the connection, until {@link #stop()}. Tests use it to prove that
 * nothing is lost when the service drops sessions or confirmations.
 */
public final class ConfirmingConsumer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestClient client;
    private final URI uri;
    private final Set<String> receivedIds = new LinkedHashSet<>();
    private final List<String> deliveries = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean running = true;
    private volatile WebSocket current;

    private ConfirmingConsumer(TestClient client, URI uri) {
        this.client = client;
        this.uri = uri;
    }

    /** Connects to {@code /ce/consume/ws?query} and keeps consuming until stopped. */
    public static ConfirmingConsumer start(Emulator emulator, TestClient client, String query) {
        ConfirmingConsumer consumer = new ConfirmingConsumer(client,
                emulator.webSocketAddress().resolve("ce/consume/ws" + (query.isEmpty() ? "" : "?" + query)));
        consumer.connect();
        return consumer;
    }

    /** Every distinct event id received, in the order first seen. */
    public Set<String> receivedIds() {
        synchronized (deliveries) {
            return new LinkedHashSet<>(receivedIds);
        }
    }

    /** How many deliveries arrived, redeliveries included. */
    public int deliveryCount() {
        synchronized (deliveries) {
            return deliveries.size();
        }
    }

    /** How many connections were opened so far. */
    public int connections() {
        return connections.get();
    }

    /** Stops reconnecting and closes the current connection. */
    public void stop() {
        running = false;
        WebSocket socket = current;
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "stopping").exceptionally(e -> null);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void connect() {
        if (!running) {
            return;
        }
        connections.incrementAndGet();
        client.http().newWebSocketBuilder()
                .subprotocols("cloudevents.json")
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new Listener())
                .whenComplete((socket, failure) -> {
                    if (failure != null) {
                        reconnect();
                    } else {
                        current = socket;
                    }
                });
    }

    private void reconnect() {
        CompletableFuture.runAsync(this::connect);
    }

    /** One connection: confirms each event right away; sends go one after the other, as the JDK requires. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode event = parse(partial.toString());
                partial.setLength(0);
                synchronized (deliveries) {
                    deliveries.add(event.path("id").asText());
                    receivedIds.add(event.path("id").asText());
                }
                String confirm = "confirm:" + event.path("offset").asText();
                // the connection may be closing: a confirm that cannot be sent any more is simply not sent
                sending = sending.thenCompose(v -> webSocket.sendText(confirm, true)).exceptionally(e -> null);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            CompletableFuture<?> flushed = sending;
            flushed.whenComplete((v, e) -> reconnect());
            return flushed;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            reconnect();
        }

        private JsonNode parse(String text) {
            try {
                return JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("the service sent a message that is not JSON: " + text, e);
            }
        }
    }
}
