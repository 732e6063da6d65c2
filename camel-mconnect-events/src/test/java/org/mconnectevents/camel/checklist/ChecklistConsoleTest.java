package org.mconnectevents.camel.checklist;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.MConnectEventsComponent;
import org.mconnectevents.camel.support.EmulatorRouteTestSupport;

import javax.management.ObjectName;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checklists in the component's dev console (text and JSON) and through JMX, as the component's operation
 * {@code checklist}: a route consuming by long polling shows there as not met.
 */
class ChecklistConsoleTest extends EmulatorRouteTestSupport {

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withJMX(true);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("mconnect-events:events?group=careless&transport=longpolling").routeId("careless").to("mock:careless");
            }
        };
    }

    @Test
    void theReportShowsInTheDevConsoleAndThroughJmx() throws Exception {
        context.setDevConsole(true);
        DevConsoleRegistry registry = DevConsoleRegistry.get(context);
        registry.loadDevConsoles();
        DevConsole console = registry.getConsole("mconnect-events").orElseThrow();

        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
        String text = (String) console.call(DevConsole.MediaType.TEXT);

        JsonObject checklist = (JsonObject) json.get("checklist");
        assertThat(checklist.getInteger("notMet")).isPositive();
        assertThat((List<?>) checklist.get("findings")).isNotEmpty();
        assertThat(text).contains("MConnect Events checklists:").contains("route careless");

        MConnectEventsComponent component = context.getComponent("mconnect-events", MConnectEventsComponent.class);
        ObjectName name = context.getManagementStrategy().getManagementObjectNameStrategy()
                .getObjectNameForComponent(component, "mconnect-events");
        Object report = context.getManagementStrategy().getManagementAgent().getMBeanServer()
                .invoke(name, "checklist", null, null);
        assertThat((String) report).contains("MConnect Events checklists:").contains("route careless");
    }

}
