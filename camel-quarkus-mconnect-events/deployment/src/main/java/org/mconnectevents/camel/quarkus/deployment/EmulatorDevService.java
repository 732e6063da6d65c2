package org.mconnectevents.camel.quarkus.deployment;

import io.quarkus.deployment.builditem.Startable;
import org.mconnectevents.emulator.Emulator;

/**
 * The emulator as a Quarkus Dev Service: started by Quarkus before the application, in its JVM, and closed with it
 * (or when a live reload changes its plan). Not a container, so it has no container id. In test mode Quarkus keeps Dev
 * Services running until the JVM ends and does not close them (a container would be removed by Testcontainers), so a
 * shutdown hook closes the emulator then, which deletes its temporary certificate folder with the minted keys.
 * Started and closed by Quarkus's threads or the hook: the running emulator is handed over through a volatile field.
 */
final class EmulatorDevService implements Startable {

    private final EmulatorPlan plan;
    private final Thread closeAtExit = new Thread(this::closeEmulator, "mconnect-events-emulator-close");
    private volatile Emulator emulator;

    EmulatorDevService(EmulatorPlan plan) {
        this.plan = plan;
    }

    @Override
    public void start() {
        emulator = Emulator.builder().config(plan.config())
                .port(plan.config().port()).adminPort(plan.config().adminPort())
                .start();
        Runtime.getRuntime().addShutdownHook(closeAtExit);
    }

    /** The service's base address, for the component. */
    String baseAddress() {
        return running().baseAddress().toString();
    }

    /** The admin API's address, logged for the developer. */
    String adminAddress() {
        return running().adminAddress().toString();
    }

    /** The application's client's PKCS12 key store. */
    String keyStore() {
        return running().clientKeyStore(plan.client()).toString();
    }

    String keyStorePassword() {
        return running().keyStorePassword();
    }

    /** The emulator's root CA, which the component must trust instead of the JVM's default trust. */
    String trustStore() {
        return running().trustedCertificate().toString();
    }

    /** The client the application plays. */
    String client() {
        return plan.client();
    }

    @Override
    public String getConnectionInfo() {
        return baseAddress() + " (admin API " + adminAddress() + ")";
    }

    @Override
    public String getContainerId() {
        return null;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(closeAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already ending: the hook runs, or has run, closeEmulator itself
        }
        closeEmulator();
    }

    private synchronized void closeEmulator() {
        Emulator running = emulator;
        if (running != null) {
            emulator = null;
            running.close();
        }
    }

    private Emulator running() {
        Emulator running = emulator;
        if (running == null) {
            throw new IllegalStateException("the MConnect Events emulator of Dev Services is not running");
        }
        return running;
    }
}
