package org.mconnectevents.camel.quarkus.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The build-time configuration of the MConnect Events extension, {@code quarkus.mconnect-events.*}. The component's
 * own options stay {@code camel.component.mconnect-events.*}.
 */
@ConfigMapping(prefix = "quarkus.mconnect-events")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface MConnectEventsBuildTimeConfig {

    /**
     * Dev Services: an MConnect Events emulator started for the application in dev and test mode.
     */
    DevServices devservices();

    /**
     * Dev Services of the extension: in dev and test mode, when {@code camel.component.mconnect-events.base-address}
     * is not set, an MConnect Events emulator is started in the application's JVM and the component is pointed at it.
     */
    interface DevServices {

        /**
         * Whether the emulator is started when {@code camel.component.mconnect-events.base-address} is not set (dev and
         * test mode only; never in production mode).
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * An emulator configuration file (the standalone emulator's YAML: clients, personal-data rules, schemas,
         * faults). Its ports and certificate folder are replaced by free ports and a temporary folder. When set, the
         * {@code clients} below are not used.
         */
        Optional<String> configFile();

        /**
         * The client of the emulator the application plays: its key store is the one given to the component. Needed
         * only when there are several clients.
         */
        Optional<String> client();

        /**
         * The emulator's HTTPS port; 0 picks a free one.
         */
        @WithDefault("0")
        int port();

        /**
         * The emulator's admin API port (plain HTTP, loopback); 0 picks a free one.
         */
        @WithDefault("0")
        int adminPort();

        /**
         * The clients registered in the emulator, by certificate common name. When none is configured (and no
         * {@code config-file}), one client named after the application is registered with the event types inferred
         * from the application: the component's {@code source} and {@code type} options and the
         * {@code mconnect-events:} endpoint URIs of the application's routes that give {@code source} and
         * {@code type}.
         */
        Map<String, Client> clients();
    }

    /**
     * One client of the emulator.
     */
    interface Client {

        /**
         * The IDNO of the client's organisation.
         */
        @WithDefault("1003600000000")
        String idno();

        /**
         * The event types the client may produce, each with the sources it may produce them from, e.g.
         * {@code produces."EXAMPLE.Orders.Order.Created"=urn:example:orders}.
         */
        Map<String, List<String>> produces();

        /**
         * The event types the client consumes; by default those it produces.
         */
        Optional<List<String>> consumes();
    }
}
