package org.mconnectevents.camel.jpa.outbox;

import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.util.TimeUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.mconnectevents.camel.MConnectEventsEndpoint;

/**
 * The outbox relay as a Camel route template, {@value #TEMPLATE}: a timer route that runs an {@link OutboxRelay}. One
 * relay per line:
 * <pre>
 * // Java, with the CamelContext (before or after it starts)
 * OutboxRelayRoutes.relay(context).routeId("outbox-relay").parameter("dataSource", "ordersDataSource").add();
 *
 * # YAML DSL (the template must be known: camel.main.routes-builder-classes = org.mconnectevents.camel.jpa.outbox.OutboxRelayRoutes)
 * - templatedRoute:
 *     routeTemplateRef: mconnect-events-outbox-relay
 *     routeId: outbox-relay
 *     parameters:
 *       - name: dataSource
 *         value: ordersDataSource
 * </pre>
 * In a {@code RouteBuilder} that Camel collects itself (Camel Main, Spring Boot, Quarkus, a test's route builders),
 * {@code templatedRoute(OutboxRelayRoutes.TEMPLATE)} works as well; a builder passed to {@code context.addRoutes(...)}
 * gets its route templates but not its templated routes, which is why {@link #relay(CamelContext)} exists.
 * <p>
 * Parameters (all optional): {@code dataSource} (the bean name of the outbox's DataSource, default {@code dataSource}),
 * {@code relayId} (default {@code relay}; give each relay of one application its own: it names the timer thread, and the
 * relay is bound as bean {@code outbox-<relayId>} for its counters, and its outbox is added to the component as
 * {@link OutboxBacklog} {@code <relayId>} for the dev console and the metrics),
 * {@code pollInterval} (ms between drains, default 200), {@code endpoint}, {@code lanesPerTransaction},
 * {@code maxEventsPerTransaction}, {@code maxEventsPerRequest}, {@code backOff}, {@code maxBackOff},
 * {@code maxParkedInARow}, {@code retention}, {@code purgeInterval}, {@code parkedEndpoint}: see {@link OutboxRelaySettings};
 * {@code transactionManager} (the bean name of the application's Spring {@code PlatformTransactionManager}, which must
 * manage the DataSource: the relay's transactions are then its transactions; by default the relay commits on
 * connections of its own).
 */
public class OutboxRelayRoutes extends RouteBuilder {

    /** The id of the route template. */
    public static final String TEMPLATE = "mconnect-events-outbox-relay";

    private static final OutboxRelaySettings DEFAULTS = new OutboxRelaySettings();

    @Override
    public void configure() {
        Model model = getContext().getCamelContextExtension().getContextPlugin(Model.class);
        if (model != null && model.getRouteTemplateDefinition(TEMPLATE) != null) {
            // added once per context, however many builders or relays ask for it
            return;
        }
        routeTemplate(TEMPLATE)
                .templateParameter("relayId", "relay", "names the relay's timer thread and its bean, outbox-<relayId>")
                .templateParameter("dataSource", "dataSource", "the bean name of the DataSource holding the outbox")
                .templateParameter("pollInterval", "200", "milliseconds between drains")
                .templateParameter("endpoint", DEFAULTS.getEndpoint())
                .templateParameter("lanesPerTransaction", String.valueOf(DEFAULTS.getLanesPerTransaction()))
                .templateParameter("maxEventsPerTransaction", String.valueOf(DEFAULTS.getMaxEventsPerTransaction()))
                .templateParameter("maxEventsPerRequest", String.valueOf(DEFAULTS.getMaxEventsPerRequest()))
                .templateParameter("backOff", DEFAULTS.getBackOff().toString())
                .templateParameter("maxBackOff", DEFAULTS.getMaxBackOff().toString())
                .templateParameter("maxParkedInARow", String.valueOf(DEFAULTS.getMaxParkedInARow()))
                .templateParameter("retention", DEFAULTS.getRetention().toString())
                .templateParameter("purgeInterval", DEFAULTS.getPurgeInterval().toString())
                .templateOptionalParameter("parkedEndpoint")
                .templateOptionalParameter("transactionManager", "the bean name of the application's PlatformTransactionManager")
                .templateBean("outboxRelay", OutboxRelay.class, OutboxRelayRoutes::relay)
                .from("timer:outbox-{{relayId}}?period={{pollInterval}}&delay={{pollInterval}}")
                .process("{{outboxRelay}}");
    }

    /**
     * Starts building a relay route from the template, adding the template to the context first when it is not there:
     * set parameters, then {@code add()}. The relay starts with the context, or at once when it runs.
     */
    public static TemplatedRouteBuilder relay(CamelContext context) {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        if (model.getRouteTemplateDefinition(TEMPLATE) == null) {
            try {
                context.addRoutes(new OutboxRelayRoutes());
            } catch (Exception e) {
                throw new IllegalStateException("could not add the route template " + TEMPLATE, e);
            }
        }
        return TemplatedRouteBuilder.builder(context, TEMPLATE);
    }

    private static OutboxRelay relay(RouteTemplateContext template) {
        OutboxRelaySettings settings = new OutboxRelaySettings();
        settings.setEndpoint(text(template, "endpoint"));
        settings.setLanesPerTransaction(number(template, "lanesPerTransaction"));
        settings.setMaxEventsPerTransaction(number(template, "maxEventsPerTransaction"));
        settings.setMaxEventsPerRequest(number(template, "maxEventsPerRequest"));
        settings.setBackOff(duration(template, "backOff"));
        settings.setMaxBackOff(duration(template, "maxBackOff"));
        settings.setMaxParkedInARow(number(template, "maxParkedInARow"));
        settings.setRetention(duration(template, "retention"));
        settings.setPurgeInterval(duration(template, "purgeInterval"));
        settings.setParkedEndpoint(template.getProperty("parkedEndpoint", String.class));
        String dataSourceName = text(template, "dataSource");
        DataSource dataSource = CamelContextHelper.mandatoryLookup(template.getCamelContext(), beanName(dataSourceName),
                DataSource.class);
        String transactionManager = template.getProperty("transactionManager", String.class);
        OutboxRelay relay = transactionManager == null ? OutboxRelay.of(template.getCamelContext(), dataSource, settings)
                : OutboxRelay.of(template.getCamelContext(), dataSource, settings, CamelContextHelper.mandatoryLookup(
                        template.getCamelContext(), beanName(transactionManager), PlatformTransactionManager.class));
        String relayId = text(template, "relayId");
        template.getCamelContext().getRegistry().bind("outbox-" + relayId, relay);
        if (template.getCamelContext().getEndpoint(settings.getEndpoint()) instanceof MConnectEventsEndpoint endpoint) {
            endpoint.getComponent().addBacklog(new OutboxBacklog(relayId, dataSource));
        }
        return relay;
    }

    private static String beanName(String reference) {
        return reference.startsWith("#") ? reference.substring(1) : reference;
    }

    private static String text(RouteTemplateContext template, String name) {
        return template.getProperty(name, String.class);
    }

    private static int number(RouteTemplateContext template, String name) {
        String value = text(template, name);
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The outbox relay's " + name + " must be a whole number, not " + value, e);
        }
    }

    private static Duration duration(RouteTemplateContext template, String name) {
        String value = text(template, name).strip();
        try {
            return value.startsWith("P") || value.startsWith("p") ? Duration.parse(value) : Duration.ofMillis(TimeUtils.toMilliSeconds(value));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The outbox relay's " + name + " must be a duration (PT5M, 5m or milliseconds), not " + value, e);
        }
    }
}
