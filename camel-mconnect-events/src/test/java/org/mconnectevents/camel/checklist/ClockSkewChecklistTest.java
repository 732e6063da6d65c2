package org.mconnectevents.camel.checklist;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.emulator.Emulator;
import org.mconnectevents.emulator.junit.MConnectEventsEmulatorExtension;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A producer whose machine's clock runs behind the service's (here the service is five seconds ahead) fills
 * {@code time} inconsistently with the other producers of its source: the checklist reads the service's clock off the
 * Date header of its answers and reports it, with how far and the allowed difference.
 */
class ClockSkewChecklistTest extends CamelTestSupport {

    @RegisterExtension
    static final MConnectEventsEmulatorExtension EMULATOR = MConnectEventsEmulatorExtension.with(() -> Emulator.builder()
            .clock(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(5)))
            .configFile(EmulatorClients.CONFIG));

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        EmulatorClients.useClient(context, EMULATOR.emulator(), EmulatorClients.REGISTRY);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:register").to("mconnect-events:events");
            }
        };
    }

    @Test
    void aMachineClockBehindTheServiceIsReportedWithHowFar() {
        template.sendBodyAndHeaders("direct:register", "{\"n\":1}", Map.of(
                MConnectEventsConstants.CLOUD_EVENT_SOURCE, EmulatorClients.SOURCE,
                MConnectEventsConstants.CLOUD_EVENT_TYPE, EmulatorClients.ORDER_CREATED));

        assertThat(MConnectEventsChecklist.of(context).findings(ChecklistItem.CONSISTENT_TIME)).singleElement()
                .satisfies(line -> {
                    assertThat(line.state()).isEqualTo(ChecklistState.NOT_MET);
                    assertThat(line.evidence()).matches("this machine's clock is [45]\\.\\d s behind the service's .*allowed 2\\.0 s.*");
                });
    }
}
