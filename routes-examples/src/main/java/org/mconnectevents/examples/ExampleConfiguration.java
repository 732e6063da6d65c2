package org.mconnectevents.examples;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Optional;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.mconnectevents.camel.jpa.idempotency.EventKey;
import org.mconnectevents.camel.jpa.idempotency.MConnectEventsIdempotency;
import org.mconnectevents.camel.jpa.outbox.Outbox;
import org.mconnectevents.camel.jpa.outbox.OutboxRelayRoutes;
import org.mconnectevents.camel.jpa.personaldata.PersonalDataPolicy;
import org.mconnectevents.camel.jpa.personaldata.PersonalDataRecorder;
import org.mconnectevents.emulator.Emulator;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/**
 * Sets the example up before Camel starts: MConnect Events (a service or an emulator), the shop's database, the
 * beans the routes name, and the routes. Camel Main calls it once; everything it starts stops with Camel.
 */
public final class ExampleConfiguration implements CamelConfiguration {

    /** The YAML DSL consumer, run unless {@code example.consumer=java}. */
    static final String YAML_CONSUMER = "classpath:routes/order-consumer.yaml";

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        if (properties.resolveProperty("example.http.port").orElse("0").equals("0")) {
            properties.addOverrideProperty("example.http.port", String.valueOf(freePort()));
        }
        Optional<Emulator> emulator = MConnectEventsConnection.connect(context);
        ShopDatabase database = ShopDatabase.open(properties.resolveProperty("example.database.url").orElse(null));
        // stopped after the routes, in reverse order: the database, then the emulator
        emulator.ifPresent(started -> stopWithCamel(context, started));
        stopWithCamel(context, database);

        bindBeans(context, database);
        context.addRoutes(new OrderIntakeRoutes());
        OutboxRelayRoutes.relay(context).routeId("outbox-relay").parameter("dataSource", "dataSource")
                .parameter("pollInterval", "{{example.outbox.poll-interval}}")
                .parameter("parkedEndpoint", "log:outbox-parked?level=WARN").add();
        context.addRoutes(new CitizenRegistryRoutes());
        context.addRoutes(new DeadEventReviewRoutes());
        addConsumer(context, properties.resolveProperty("example.consumer").orElse("yaml"));
    }

    private static void bindBeans(CamelContext context, ShopDatabase database) {
        PropertiesComponent properties = context.getPropertiesComponent();
        EntityManagerFactory factory = database.entityManagerFactory();
        EntityManager transactional = SharedEntityManagerCreator.createSharedEntityManager(factory);
        Registry registry = context.getRegistry();
        registry.bind("shopDatabase", database);
        registry.bind("PROPAGATION_REQUIRED", new SpringTransactionPolicy(database.transactionManager()));
        registry.bind("eventTally", new EventTally());
        registry.bind("orderIntake", new OrderIntake(transactional, required(properties, "shop.event.source"),
                required(properties, "shop.event.type")));
        registry.bind("receivedOrders", new ReceivedOrders(transactional));
        registry.bind("citizenDetails", new CitizenDetails());
        // the building blocks, by the names the routes use
        registry.bind("dataSource", database.dataSource());
        registry.bind("outboxAppend", Outbox.append(factory));
        registry.bind("eventKey", EventKey.eventKey());
        registry.bind("processedEvents", MConnectEventsIdempotency.jpaRepository(factory, database.transactionManager(),
                "order-consumer"));
        PersonalDataPolicy policy = PersonalDataPolicy.idno(required(properties, "shop.idno"))
                .type(required(properties, "shop.event.type"))
                    .subject(required(properties, "shop.personal-data.subject"))
                    .legalBasis(required(properties, "shop.personal-data.legal-basis"))
                    .legalReason(required(properties, "shop.personal-data.legal-reason"))
                .end().build();
        registry.bind("personalDataRecorder", PersonalDataRecorder.jpa(policy, factory));
    }

    private static void addConsumer(CamelContext context, String consumer) throws Exception {
        switch (consumer) {
            case "yaml" -> {
                Resource routes = ResourceHelper.resolveMandatoryResource(context, YAML_CONSUMER);
                PluginHelper.getRoutesLoader(context).loadRoutes(routes);
            }
            case "java" -> context.addRoutes(new OrderConsumerRoutes());
            default -> throw new IllegalStateException("example.consumer is '" + consumer + "': use yaml or java");
        }
    }

    private static String required(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).orElseThrow(() -> new IllegalStateException(
                key + " is not set: add it to application.properties"));
    }

    private static void stopWithCamel(CamelContext context, AutoCloseable resource) {
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws Exception {
                    resource.close();
                }
            }, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("could not register " + resource + " to stop with Camel", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the shop's HTTP endpoints", e);
        }
    }
}
