package org.mconnectevents.camel.checklist;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.LogCapture;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the CamelContext has started, the component logs the checklists once: an INFO line with the counts, and a WARN
 * line for each line not met, naming the item, the route and what to change; {@code logChecklist=false} keeps it quiet.
 */
class ChecklistLogTest {

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.withConfig(EmulatorClients.CONFIG);

    private static final RouteBuilder CARELESS_ROUTE = new RouteBuilder() {
        @Override
        public void configure() {
            from("mconnect-events:events?group=logged").routeId("careless").to("mock:applied");
        }
    };

    @Test
    void theStartLogsTheCountsAndEachLineNotMet() throws Exception {
        try (LogCapture log = LogCapture.of(ChecklistLog.class); CamelContext context = new DefaultCamelContext()) {
            EmulatorClients.useClient(context, EMULATOR.emulator(), EmulatorClients.REGISTRY);
            context.addRoutes(CARELESS_ROUTE);
            context.start();

            assertThat(log.messages(Level.INFO)).singleElement().asString()
                    .matches("MConnect Events checklists: \\d+ met, \\d+ not met, \\d+ not known from here .*");
            assertThat(log.warnings()).anySatisfy(line -> assertThat(line)
                    .startsWith("Not met, consumers checklist, report dead events: route careless: neither its dead letter channel"));
            assertThat(log.warnings()).anySatisfy(line -> assertThat(line)
                    .startsWith("Not met, consumers checklist, idempotent processing: route careless: no idempotentConsumer"));
        }
    }

    @Test
    void logChecklistFalseLogsNothing() throws Exception {
        try (LogCapture log = LogCapture.of(ChecklistLog.class); CamelContext context = new DefaultCamelContext()) {
            EmulatorClients.useClient(context, EMULATOR.emulator(), EmulatorClients.REGISTRY);
            context.getComponent("mconnect-events", org.mconnectevents.camel.MConnectEventsComponent.class).setLogChecklist(false);
            context.addRoutes(CARELESS_ROUTE);
            context.start();

            assertThat(log.written()).isEmpty();
        }
    }
}
