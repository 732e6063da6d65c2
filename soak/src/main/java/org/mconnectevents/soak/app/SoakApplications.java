package org.mconnectevents.soak.app;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.mconnectevents.camel.MConnectEventsComponent;
import org.mconnectevents.camel.MConnectEventsConfiguration;

/** What the producer and consumer applications share: their settings (system properties) and the connection. */
final class SoakApplications {

    /** The ledger's events: their source and type, as the emulator's configuration allows them. */
    static final String SOURCE = "urn:soak:ledger";
    static final String TYPE = "SOAK.Ledger.Entry.Recorded";

    private SoakApplications() {
    }

    static String required(CamelContext context, String key) {
        PropertiesComponent properties = context.getPropertiesComponent();
        return properties.resolveProperty(key).filter(value -> !value.isBlank()).orElseThrow(
                () -> new IllegalStateException(key + " is not set: the soak's driver passes it as -D" + key));
    }

    /** Points the mconnect-events component at the emulator the driver started, with this client's key store. */
    static void connect(CamelContext context) {
        MConnectEventsConfiguration component = context.getComponent("mconnect-events", MConnectEventsComponent.class)
                .getConfiguration();
        component.setBaseAddress(required(context, "soak.base-address"));
        component.setKeyStore(required(context, "soak.key-store"));
        component.setKeyStorePassword(required(context, "soak.key-store-password"));
        component.setTrustStore(required(context, "soak.trust-store"));
    }

    /** Closes the database after the routes stopped. */
    static void stopWithCamel(CamelContext context, SoakDatabase database) throws Exception {
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                database.close();
            }
        }, true, true);
    }
}
