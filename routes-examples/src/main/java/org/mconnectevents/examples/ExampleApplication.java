package org.mconnectevents.examples;

import java.util.Map;
import org.apache.camel.main.Main;

/**
 * The example application: a shop that takes orders over HTTP and announces them through an outbox on MConnect
 * Events, and a consumer of those orders with idempotency, a record of personal-data processing, enrichment from a
 * citizen registry and dead letters, with a review of its dead events. It runs on Camel Main, plays the
 * {@link Scenario}, prints its {@link ScenarioReport} and stops: exit code 0 when nothing was lost, 1 otherwise.
 * <p>
 * Configuration is in {@code application.properties}; on its defaults it runs against an MConnect Events emulator
 * started in this JVM and an in-memory H2 database.
 */
public final class ExampleApplication {

    private ExampleApplication() {
    }

    public static void main(String[] args) throws Exception {
        ScenarioReport report = run(Map.of());
        System.out.println(report);
        if (!report.succeeded()) {
            System.exit(1);
        }
    }

    /** Starts the application, plays the scenario and stops; {@code overrides} win over application.properties. */
    public static ScenarioReport run(Map<String, String> overrides) throws Exception {
        // Hibernate logs through the application's logger (SLF4J) rather than java.util.logging
        System.setProperty("org.jboss.logging.provider", "slf4j");
        Main main = new Main();
        main.configure().addConfiguration(new ExampleConfiguration());
        overrides.forEach(main::addOverrideProperty);
        main.start();
        try {
            return new Scenario(main.getCamelContext()).play();
        } finally {
            main.stop();
        }
    }
}
