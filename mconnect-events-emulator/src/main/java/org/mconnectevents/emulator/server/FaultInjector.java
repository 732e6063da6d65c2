package org.mconnectevents.emulator.server;

import org.mconnectevents.emulator.config.Faults;
import org.mconnectevents.emulator.config.PoisonKind;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults in force, replaced at any time by the admin API or the Java API; read on the context thread.
 */
public final class FaultInjector {

    private volatile Faults faults;
    /** How many poison events the fault stored, to take the configured kinds in turn. */
    private final AtomicLong poisoned = new AtomicLong();

    public FaultInjector(Faults initial) {
        this.faults = initial;
    }

    public Faults current() {
        return faults;
    }

    /** Replaces the faults; poison kinds are taken in turn from the first again. */
    public void set(Faults newFaults) {
        this.faults = newFaults == null ? Faults.NONE : newFaults;
        poisoned.set(0);
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

    /** The poison event to store after a produce request, or {@code null} when none is due this time. */
    PoisonKind poisonAfterProduce() {
        Faults now = faults;
        if (!chance(now.poisonRate())) {
            return null;
        }
        List<PoisonKind> kinds = now.poisonKinds();
        return kinds.get((int) Math.floorMod(poisoned.getAndIncrement(), (long) kinds.size()));
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
