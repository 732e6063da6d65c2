package org.mconnectevents.emulator;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import org.mconnectevents.emulator.admin.AdminServer;
import org.mconnectevents.emulator.broker.Broker;
import org.mconnectevents.emulator.config.EmulatorConfig;
import org.mconnectevents.emulator.event.TypeSchemas;
import org.mconnectevents.emulator.server.BrokerLoop;
import org.mconnectevents.emulator.server.FaultInjector;
import org.mconnectevents.emulator.server.ServiceServer;
import org.mconnectevents.emulator.tls.EmulatorCertificates;

import java.time.Clock;

/**
 * Owns the emulator's state: the broker, long-polling instances, consumer sessions, the admin API and the
 * periodic sweeps all run on this verticle's context (the {@code BrokerLoop}), which is what makes them safe
 * without locks. The service's connections are served on another event loop and hand their work over.
 */
final class EmulatorVerticle extends AbstractVerticle {

    private static final long SWEEP_MILLIS = 1000;
    private static final long EXPIRY_CHECK_MILLIS = 100;

    private final EmulatorConfig config;
    private final EmulatorCertificates certificates;
    private final TypeSchemas schemas;
    private final FaultInjector faults;
    private final Clock clock;
    Broker broker;
    ServiceServer service;
    AdminServer admin;

    EmulatorVerticle(EmulatorConfig config, EmulatorCertificates certificates, TypeSchemas schemas,
                     FaultInjector faults, Clock clock) {
        this.config = config;
        this.certificates = certificates;
        this.schemas = schemas;
        this.faults = faults;
        this.clock = clock;
    }

    /** The context that owns the emulator's state. */
    io.vertx.core.Context ownContext() {
        return context;
    }

    @Override
    public void start(Promise<Void> started) {
        broker = new Broker(config, clock);
        service = new ServiceServer(vertx, new BrokerLoop(context), config, broker, schemas, faults, clock);
        admin = new AdminServer(vertx, broker, faults, service, config, clock);
        service.start(certificates)
                .compose(s -> admin.start())
                .onSuccess(a -> {
                    vertx.setPeriodic(SWEEP_MILLIS, id -> {
                        broker.sweep();
                        broker.sampleThroughput();
                    });
                    vertx.setPeriodic(EXPIRY_CHECK_MILLIS, id -> service.expireIdleInstances());
                    started.complete();
                })
                .onFailure(started::fail);
    }

    @Override
    public void stop(Promise<Void> stopped) {
        service.dropSessions();
        service.stop().compose(v -> admin.stop()).onComplete(done -> stopped.complete());
    }
}
