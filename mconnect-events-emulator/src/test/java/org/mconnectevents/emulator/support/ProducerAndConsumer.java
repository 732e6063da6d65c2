package org.mconnectevents.emulator.support;

/**
 * The configuration most emulator tests share: a client {@code producer} that may produce one type from
 * {@code urn:test:orders}, and a client {@code consumer} of that type.
 */
public final class ProducerAndConsumer {

    private ProducerAndConsumer() {
    }

    /**
     * The YAML configuration: {@code settings} (top-level lines such as {@code retention: PT1S}, one per line, or
     * empty) followed by the two clients.
     */
    public static String yaml(String type, String... settings) {
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
                """.formatted(type, type);
    }
}
