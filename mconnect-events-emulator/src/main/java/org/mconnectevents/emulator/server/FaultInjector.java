package org.mconnectevents.emulator.server;

import org.mconnectevents.emulator.config.Faults;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The faults in force, replaced at any time by the admin API or the Java API; read on the context thread.
 */
public final class FaultInjector {

    private volatile Faults faults;

    public FaultInjector(Faults initial) {
        this.faults = initial;
    }

    public Faults current() {
        return faults;
    }

    public void set(Faults newFaults) {
        this.faults = newFaults == null ? Faults.NONE : newFaults;
    }

    boolean failProduce() {
        return chance(faults.produceFailRate());
    }

    boolean storeThenFailProduce() {
        return chance(faults.produceStoreThenFailRate());
    }

    boolean dropConfirm() {
        return chance(faults.dropConfirmRate());
    }

    boolean closeAfter(int sentInSession) {
        Faults now = faults;
        return now.closeSessionAfterMessages() > 0 && sentInSession >= now.closeSessionAfterMessages()
                || chance(now.closeSessionRate());
    }

    Duration responseDelay() {
        return faults.responseDelay();
    }

    Duration sessionStartDelay() {
        return faults.sessionStartDelay();
    }

    Duration instanceExpiry(Duration configured) {
        Duration override = faults.instanceExpiry();
        return override == null ? configured : override;
    }

    private static boolean chance(double rate) {
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }
}
