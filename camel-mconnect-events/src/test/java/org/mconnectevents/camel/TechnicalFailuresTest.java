package org.mconnectevents.camel;

import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.mconnectevents.camel.client.MConnectEventsUnavailableException;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** What the dead channel treats as technical (retry, never dead) and what as structural (report dead). */
class TechnicalFailuresTest {

    private final TechnicalFailures defaults = new TechnicalFailures(MConnectEventsConfiguration.DEFAULT_TECHNICAL_EXCEPTIONS,
            MConnectEventsConfiguration.DEFAULT_STRUCTURAL_EXCEPTIONS);

    @Test
    void networkDatabaseAndServiceFailuresAreTechnicalAnywhereInTheCauseChain() {
        ConnectException refused = new ConnectException("Connection refused");
        assertThat(defaults.technicalCause(new RuntimeCamelException(new UncheckedIOException(refused)))).isNotNull();
        assertThat(defaults.technicalCause(new SQLTransientConnectionException("pool exhausted"))).isNotNull();
        assertThat(defaults.technicalCause(new MConnectEventsUnavailableException(503, "down", null))).isNotNull();
        assertThat(defaults.technicalCause(new java.util.concurrent.TimeoutException())).isNotNull();
    }

    @Test
    void sqlStatesOfConnectionLockAndSerializationFailuresAreTechnical() {
        assertThat(defaults.technicalCause(new SQLException("connection lost", "08006"))).isNotNull();
        assertThat(defaults.technicalCause(new SQLException("deadlock detected", "40P01"))).isNotNull();
        assertThat(defaults.technicalCause(new SQLException("could not serialize", "40001"))).isNotNull();
        assertThat(defaults.technicalCause(new SQLException("duplicate key", "23505"))).as("a constraint violation is about the data").isNull();
    }

    @Test
    void jsonThatCannotBeReadIsStructuralThoughItIsAnIOException() throws Exception {
        Exception mapping;
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readValue("{\"amount\": \"lots\"}", Amount.class);
            throw new AssertionError("the JSON was read");
        } catch (java.io.IOException e) {
            mapping = e;
        }
        assertThat(defaults.technicalCause(new RuntimeCamelException(mapping))).isNull();
        assertThat(defaults.technicalCause(new java.io.IOException("disk gone"))).isNotNull();
    }

    record Amount(int amount) {
    }

    @Test
    void badDataIsStructural() {
        assertThat(defaults.technicalCause(new IllegalArgumentException("idnp missing"))).isNull();
        assertThat(defaults.technicalCause(new RuntimeCamelException(new NumberFormatException("x")))).isNull();
    }

    @Test
    void theListIsConfigurableByClassNameAndMatchesSubclasses() {
        TechnicalFailures custom = new TechnicalFailures(" java.lang.IllegalStateException , ", "");
        assertThat(custom.technicalCause(new IllegalStateException("registry offline"))).isNotNull();
        assertThat(custom.technicalCause(new java.nio.channels.ClosedSelectorException())).as("a subclass").isNotNull();
        assertThat(custom.technicalCause(new java.io.IOException("not in this list"))).isNull();
    }
}
