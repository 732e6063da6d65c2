package org.mconnectevents.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mconnectevents.soak.driver.SoakDriver;
import org.mconnectevents.soak.driver.SoakOptions;
import org.mconnectevents.soak.driver.SoakReport;

/**
 * The short soak of every build: 10,000 events over 200 keys through two producers and three consumers (separate
 * processes), with kills, one PostgreSQL stop and the emulator's faults. Nothing may be lost, applied twice, applied
 * out of its key's order, or go dead without being bad.
 */
class ShortSoakIT {

    @Test
    void noEventIsLostDuplicatedOrReorderedWhileProcessesAndTheDatabaseFail() throws Exception {
        SoakReport report = SoakDriver.run(SoakOptions.shortSoak());

        assertThat(report.failures()).as(report.json()).isEmpty();
    }
}
