package org.mconnectevents.camel;

import org.apache.camel.builder.RouteBuilder;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mconnectevents.camel.support.EmulatorClients;
import org.mconnectevents.camel.support.OrderEvents;
import org.mconnectevents.camel.support.RegistryConsumption;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mconnectevents.camel.support.Waiting.throughout;
import static org.mconnectevents.camel.support.Waiting.within;

/**
 * What a consumer asks the service for: the events channel takes standard events (and this client's test events
 * unless test=false), the test channel only test events; and options that cannot work stop the route at start with
 * a message naming the option.
 */
class ConsumerChannelsTest extends EmulatorRouteTestSupport {

    @Test
    void theTestChannelTakesTestEventsOnlyAndTheEventsChannelWithTestFalseStandardEventsOnly() throws Exception {
        List<String> standard = new CopyOnWriteArrayList<>();
        List<String> test = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=channels&test=false")
                        .process(exchange -> standard.add(exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class)));
                from("mconnect-events:test")
                        .process(exchange -> test.add(exchange.getMessage().getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class)));
            }
        });

        OrderEvents.produce(template, List.of(OrderEvents.order("standard-1", "customer:1")));
        template.sendBodyAndHeaders("mconnect-events:test", "{\"order\":\"test-1\"}", Map.of(
                MConnectEventsConstants.CLOUD_EVENT_ID, "test-1",
                MConnectEventsConstants.CLOUD_EVENT_SOURCE, EmulatorClients.SOURCE,
                MConnectEventsConstants.CLOUD_EVENT_TYPE, EmulatorClients.ORDER_CREATED));

        within(20).untilAsserted(() -> {
            assertThat(standard).containsExactly("standard-1");
            assertThat(test).containsExactly("test-1");
        });
        within(10).untilAsserted(() -> assertThat(RegistryConsumption.group(emulator, "channels").confirmed()).isEqualTo(1));
        throughout(300).untilAsserted(() -> assertThat(standard).containsExactly("standard-1"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "events=false&test=false                  | events, test and dead are all false: such a consumer would receive nothing",
            "transport=udp                            | transport must be websocket or longpolling, not 'udp'",
            "bodyType=xml                             | bodyType must be data or cloudevent, not 'xml'",
            "parallelism=0                            | parallelism must be at least 1",
            "concurrentConsumers=0                    | concurrentConsumers must be at least 1",
            "confirmBatchSize=0                       | confirmBatchSize must be at least 1",
    })
    void optionsThatCannotWorkStopTheRouteAtStartWithTheRule(String options, String rule) {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?" + options).to("mock:never");
            }
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(rule);
        assertThat(RegistryConsumption.sessions(emulator)).isZero();
    }
}
