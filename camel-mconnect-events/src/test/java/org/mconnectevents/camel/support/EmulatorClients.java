package org.mconnectevents.camel.support;

import org.apache.camel.CamelContext;
import org.mconnectevents.camel.MConnectEventsComponent;
import org.mconnectevents.camel.MConnectEventsConfiguration;
import org.mconnectevents.emulator.Emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Points the mconnect-events component of a Camel context at an emulator, as one of its registered clients:
 * the base address, the client's key store (with its intermediate) and the emulator's root CA as trust,
 * set once at component level as an integrator would with camel.component.mconnect-events.*.
 */
public final class EmulatorClients {

    /**
     * The emulator configuration of these tests, copied from the class path (beside this class) to a folder of its own
     * with the schema it names, so that the tests of the building blocks read it from this module's test jar.
     */
    public static final Path CONFIG = copyFromClassPath("emulator.yaml", "schemas/person-registered.json");
    /** The client that produces and consumes its own events. */
    public static final String REGISTRY = "registry";
    public static final String SOURCE = "urn:test:registry";
    public static final String ORDER_CREATED = "MCE.Test.Order.Created";
    public static final String PERSON_REGISTERED = "MCE.Test.Person.Registered";

    private EmulatorClients() {
    }

    public static void useClient(CamelContext context, Emulator emulator, String client) {
        MConnectEventsComponent component = context.getComponent("mconnect-events", MConnectEventsComponent.class);
        MConnectEventsConfiguration configuration = component.getConfiguration();
        configuration.setBaseAddress(emulator.baseAddress().toString());
        configuration.setKeyStore(emulator.clientKeyStore(client).toString());
        configuration.setKeyStorePassword(emulator.keyStorePassword());
        configuration.setTrustStore(emulator.trustedCertificate().toString());
    }

    private static Path copyFromClassPath(String config, String schema) {
        try {
            Path folder = Files.createTempDirectory("mconnect-events-emulator-config");
            for (String name : List.of(config, schema)) {
                Path target = folder.resolve(name);
                Files.createDirectories(target.getParent());
                try (InputStream in = EmulatorClients.class.getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IllegalStateException("no test resource " + name + " beside " + EmulatorClients.class.getName());
                    }
                    Files.copy(in, target);
                }
            }
            return folder.resolve(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client's own certificate, as its key store holds it (for the dates a test expects to see reported). */
    public static X509Certificate clientCertificate(Emulator emulator, String client) {
        try (InputStream in = Files.newInputStream(emulator.clientKeyStore(client))) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, emulator.keyStorePassword().toCharArray());
            return (X509Certificate) keyStore.getCertificate(client);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key store of client " + client, e);
        }
    }
}
