package org.mconnectevents.emulator.server;

import io.vertx.core.http.ServerWebSocket;
import org.mconnectevents.emulator.broker.Broker;
import org.mconnectevents.emulator.broker.Delivery;
import org.mconnectevents.emulator.broker.Session;
import org.mconnectevents.emulator.broker.SessionOptions;
import org.mconnectevents.emulator.broker.SessionTransport;
import org.mconnectevents.emulator.event.EventParser;
import org.mconnectevents.emulator.event.EventRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * One consumer session over WebSocket ({@code /ce/consume/ws}, sub-protocol {@code cloudevents.json}): one text
 * message per event; {@code confirm:<offset>} and {@code dead:<CloudEvent JSON>} from the client; anything else
 * closes the connection with 1008 (policy violation). Its state belongs to the {@link BrokerLoop}: the socket's
 * handlers, called on the connection's event loop, hand every message over to it.
 */
final class WebSocketConsumer implements SessionTransport {

    static final short POLICY_VIOLATION = 1008;
    static final short GOING_AWAY = 1001;
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketConsumer.class);
    private static final String CONFIRM = "confirm:";
    private static final String DEAD = "dead:";

    private final ServerWebSocket socket;
    private final Broker broker;
    private final FaultInjector faults;
    private final EventParser deadParser;
    private final Clock clock;
    private Session session;
    private int sent;
    private boolean closing;

    private WebSocketConsumer(ServerWebSocket socket, Broker broker, FaultInjector faults, EventParser deadParser,
                              Clock clock) {
        this.socket = socket;
        this.broker = broker;
        this.faults = faults;
        this.deadParser = deadParser;
        this.clock = clock;
    }

    /**
     * Opens the session on an accepted WebSocket and starts delivering. Called on the connection's event loop;
     * the handlers are set there at once, and the tasks they hand over run after the session is open.
     */
    static void start(BrokerLoop loop, ServerWebSocket socket, String client, SessionOptions options, Broker broker,
                      FaultInjector faults, EventParser deadParser, Clock clock) {
        WebSocketConsumer consumer = new WebSocketConsumer(socket, broker, faults, deadParser, clock);
        socket.textMessageHandler(text -> loop.run(() -> consumer.onText(text)));
        socket.binaryMessageHandler(binary -> loop.run(
                () -> consumer.violation("binary messages are not part of the protocol")));
        socket.drainHandler(v -> loop.run(() -> broker.pump(consumer.session)));
        socket.closeHandler(v -> loop.run(() -> broker.close(consumer.session)));
        socket.exceptionHandler(e -> LOG.debug("WebSocket session of {} failed: {}", client, e.toString()));
        loop.run(() -> consumer.open(loop, client, options));
    }

    private void open(BrokerLoop loop, String client, SessionOptions options) {
        Duration startDelay = faults.sessionStartDelay();
        session = broker.open(client, options, this, startDelay);
        if (startDelay.isZero()) {
            broker.pump(session);
        } else {
            loop.setTimer(startDelay.toMillis(), () -> broker.pump(session));
        }
    }

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public int demand() {
        return closing || socket.isClosed() || socket.writeQueueFull() ? 0 : Integer.MAX_VALUE;
    }

    @Override
    public void deliver(List<Delivery> deliveries) {
        for (Delivery delivery : deliveries) {
            if (closing) {
                return;
            }
            socket.writeTextMessage(delivery.event().toJsonWithOffset(delivery.offset()));
            sent++;
            if (faults.closeAfter(sent)) {
                close("injected fault: session closed after " + sent + " events");
            }
        }
    }

    @Override
    public void close(String reason) {
        if (!closing) {
            closing = true;
            socket.close(GOING_AWAY, reason);
        }
    }

    private void onText(String message) {
        if (message.startsWith(CONFIRM)) {
            onConfirm(message.substring(CONFIRM.length()).trim());
        } else if (message.startsWith(DEAD)) {
            onDead(message.substring(DEAD.length()));
        } else {
            String shown = message.length() > 40 ? message.substring(0, 40) + "..." : message;
            violation("unknown message \"" + shown + "\": expected confirm:<offset> or dead:<CloudEvent JSON>");
        }
    }

    private void onConfirm(String offset) {
        long value;
        try {
            value = Long.parseLong(offset);
        } catch (NumberFormatException e) {
            violation("confirm:" + offset + " does not carry an integer offset");
            return;
        }
        if (faults.dropConfirm()) {
            broker.confirmDropped(session);
            return;
        }
        broker.confirm(session, value);
    }

    private void onDead(String json) {
        try {
            broker.reportDead(session, deadParser.check(deadParser.parseStructured(
                    json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "the dead event", clock.instant(), false));
        } catch (EventRejectedException e) {
            violation("dead: " + e.getMessage());
        }
    }

    private void violation(String reason) {
        if (!closing) {
            closing = true;
            LOG.info("closing WebSocket session {} of {}: {}", session.id(), session.clientName(), reason);
            // a close reason is limited to 123 bytes by the WebSocket protocol
            String shortReason = reason.length() > 120 ? reason.substring(0, 120) : reason;
            socket.close(POLICY_VIOLATION, shortReason);
        }
    }
}
