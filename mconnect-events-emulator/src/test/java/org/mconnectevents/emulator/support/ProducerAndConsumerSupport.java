package org.mconnectevents.emulator.support;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.mconnectevents.emulator.Emulator;

/**
 * What most emulator tests share: a client {@code producer} that may produce {@link #TYPE} from
 * {@code urn:test:orders}, a client {@code consumer} of it, clients of both, and an emptied emulator before each
 * test. A subclass registers the emulator extension with {@link #yaml(String...)}.
 */
public abstract class ProducerAndConsumerSupport {

    public static final String TYPE = "Test.Orders.Order.Placed";

    protected static Emulator emulator;
    protected static EmulatorState state;
    protected static EventProducer producer;
    protected static TestClient consumer;

    /**
     * The YAML configuration: {@code settings} (top-level lines such as {@code retention: PT1S}, or none) followed
     * by the two clients.
     */
    public static String yaml(String... settings) {
        return String.join("\n", settings) + (settings.length == 0 ? "" : "\n") + """
                clients:
                  - name: producer
                    idno: "1003600000001"
                    produces:
                      - type: %s
                        sources: [ "urn:test:orders" ]
                  - name: consumer
                    idno: "1003600000002"
                    consumes: [ %s ]
                """.formatted(TYPE, TYPE);
    }

    @BeforeAll
    static void clients(Emulator running) {
        emulator = running;
        state = EmulatorState.of(emulator);
        producer = EventProducer.of(emulator, "producer", TYPE, "urn:test:orders");
        consumer = TestClient.of(emulator, "consumer");
    }

    @BeforeEach
    void startFromNothing() {
        emulator.reset();
    }
}
