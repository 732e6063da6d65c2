package org.mconnectevents.camel.quarkus.deployment;

import io.quarkus.deployment.builditem.Startable;
import org.mconnectevents.emulator.Emulator;

/**
 * The emulator as a Quarkus Dev Service: started by Quarkus before the application, in its JVM, and closed with it
 * (or when a live reload changes its plan). Not a container, so it has no container id.
 */
final class EmulatorDevService implements Startable {

    private final EmulatorPlan plan;
    private volatile Emulator emulator;

    EmulatorDevService(EmulatorPlan plan) {
        this.plan = plan;
    }

    @Override
    public void start() {
        emulator = Emulator.builder().config(plan.config())
                .port(plan.config().port()).adminPort(plan.config().adminPort())
                .start();
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
