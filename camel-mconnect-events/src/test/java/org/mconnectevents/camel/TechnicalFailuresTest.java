package org.mconnectevents.camel;

import com.fasterxml.jackson.core.JsonParseException;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.mconnectevents.client.MConnectEventsConfigurationException;
import org.mconnectevents.client.MConnectEventsRejectedException;
import org.mconnectevents.client.MConnectEventsUnavailableException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the dead channel tells a technical failure (never dead: the event comes again) from a structural one (the
 * event can never be processed: report it dead). The whole cause chain counts; the list of technical exception
 * classes is configurable and its default covers I/O, timeouts, JDBC connection and lock failures, and the service
 * being unavailable.
 */
class TechnicalFailuresTest {

    private final TechnicalFailures defaults = new TechnicalFailures(MConnectEventsConfiguration.DEFAULT_TECHNICAL_EXCEPTIONS,
            MConnectEventsConfiguration.DEFAULT_STRUCTURAL_EXCEPTIONS);

    @Test
    void byDefaultIoTimeoutsJdbcConnectionsAndAnUnavailableServiceAreTechnical() {
        assertThat(defaults.technicalCause(new IOException("disk full"))).isNotNull();
        assertThat(defaults.technicalCause(new ConnectException("connection refused"))).as("a subclass").isNotNull();
        assertThat(defaults.technicalCause(new SocketTimeoutException("read timed out"))).isNotNull();
        assertThat(defaults.technicalCause(new TimeoutException())).isNotNull();
        assertThat(defaults.technicalCause(new ExchangeTimedOutException(null, 1000))).isNotNull();
        assertThat(defaults.technicalCause(new SQLTransientConnectionException("pool exhausted"))).isNotNull();
        assertThat(defaults.technicalCause(new SQLRecoverableException("connection reset"))).isNotNull();
        assertThat(defaults.technicalCause(new SQLNonTransientConnectionException("database is shut down"))).isNotNull();
        assertThat(defaults.technicalCause(new MConnectEventsUnavailableException(503, "service unavailable", null))).isNotNull();
    }

    @Test
    void aConfigurationErrorIsTechnicalSoTheEventComesAgainOnceTheConfigurationIsFixed() {
        assertThat(defaults.technicalCause(new MConnectEventsConfigurationException(
                MConnectEventsConfigurationException.Problem.UNTRUSTED_SERVER_CERTIFICATE, 0, "not trusted", null))).isNotNull();
        assertThat(defaults.technicalCause(new MConnectEventsRejectedException(401, "client x is not allowed to produce type y",
                "refused"))).as("401: not authorized, a matter of registration").isNotNull();
        assertThat(defaults.technicalCause(new MConnectEventsRejectedException(422, "data does not match the schema", "refused")))
                .as("422: the event itself").isNull();
        assertThat(defaults.technicalCause(MConnectEventsRejectedException.beforeSending("source is not a URI"))).isNull();
    }

    @Test
    void anSqlExceptionIsTechnicalWhenItsSqlStateSaysConnectionLockOrResources() {
        for (String state : new String[] { "08006", "40001", "40P01", "55P03", "53300", "57014", "HYT00" }) {
            assertThat(defaults.technicalCause(new SQLException("failed", state))).as("SQLState %s", state).isNotNull();
        }
        assertThat(defaults.technicalCause(new SQLException("duplicate key", "23505"))).isNull();
        assertThat(defaults.technicalCause(new SQLIntegrityConstraintViolationException("customer must not be null"))).isNull();
    }

    /**
     * A schema that does not match the application (a column or table missing, a naming strategy that maps to other
     * column names, no privilege on a table: SQLState class 42, PostgreSQL's and H2's alike) is the deployment's
     * mistake: every event would fail the same way, so none may go dead; they come again once the schema is fixed.
     */
    @Test
    void anSqlExceptionOfASchemaThatDoesNotMatchIsTechnical() {
        for (String state : new String[] { "42703", "42P01", "42501", "42S22", "42S02" }) {
            assertThat(defaults.technicalCause(new SQLException("schema", state))).as("SQLState %s", state).isNotNull();
        }
    }

    @Test
    void whatTheEventItselfGotWrongIsStructural() {
        assertThat(defaults.technicalCause(new IllegalArgumentException("order names no customer"))).isNull();
        assertThat(defaults.technicalCause(new NullPointerException())).isNull();
        assertThat(defaults.technicalCause(new NumberFormatException("For input string: \"seven\""))).isNull();
    }

    @Test
    void aTechnicalCauseAnywhereInTheChainOrAmongTheSuppressedMakesTheFailureTechnical() {
        IOException reset = new IOException("connection reset");
        Exception wrapped = new RuntimeCamelException("saving the order failed", new UncheckedIOException("writing", reset));
        Exception suppressing = new IllegalStateException("rolling back failed");
        SocketTimeoutException timeout = new SocketTimeoutException("read timed out");
        suppressing.addSuppressed(timeout);

        assertThat(defaults.technicalCause(wrapped)).as("two causes deep").isSameAs(reset);
        assertThat(defaults.technicalCause(new IllegalArgumentException("bad", reset))).isSameAs(reset);
        assertThat(defaults.technicalCause(suppressing)).isSameAs(timeout);
    }

    @Test
    void aCircularCauseChainEnds() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second", first);
        first.initCause(second);

        assertThat(defaults.technicalCause(first)).isNull();
    }

    @Test
    void aConfiguredListReplacesTheDefaultsAndMatchesSubclasses() {
        TechnicalFailures configured = new TechnicalFailures(" java.lang.IllegalStateException , com.example.NotOnTheClassPath ", "");

        assertThat(configured.technicalCause(new IllegalStateException("pool closed"))).isNotNull();
        assertThat(configured.technicalCause(new org.apache.camel.CamelExchangeException("x", null))).isNull();
        assertThat(configured.technicalCause(new IOException("disk full"))).as("not on the configured list").isNull();
        assertThat(configured.technicalCause(new JsonParseException(null, "unexpected character"))).isNull();
        assertThat(new TechnicalFailures(null, null).technicalCause(new IOException("disk full"))).isNull();
    }

    @Test
    void jsonThatCannotBeReadIsStructuralThoughItIsAnIOException() throws Exception {
        Exception mapping;
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readValue("{\"amount\": \"lots\"}", Amount.class);
            throw new AssertionError("the JSON was read");
        } catch (IOException e) {
            mapping = e;
        }
        assertThat(defaults.technicalCause(new org.apache.camel.RuntimeCamelException(mapping))).isNull();
        assertThat(defaults.technicalCause(new IOException("disk gone"))).isNotNull();
    }

    @Test
    void camelHttpFailuresAreTechnicalWhenTheFarSideIsUnavailable() {
        assertThat(defaults.technicalCause(new org.apache.camel.http.base.HttpOperationFailedException("http://x", 503, "Service Unavailable", null, null, null))).isNotNull();
        assertThat(defaults.technicalCause(new org.apache.camel.http.base.HttpOperationFailedException("http://x", 429, "Too Many Requests", null, null, null))).isNotNull();
        assertThat(defaults.technicalCause(new org.apache.camel.http.base.HttpOperationFailedException("http://x", 400, "Bad Request", null, null, null))).isNull();
    }

    @Test
    void nettyHttpFailuresAreClassifiedByStatusToo() {
        assertThat(defaults.technicalCause(new org.apache.camel.component.netty.http.NettyHttpOperationFailedException("http://x", 503, "Service Unavailable", null, new io.netty.handler.codec.http.DefaultHttpContent(io.netty.buffer.Unpooled.EMPTY_BUFFER)))).isNotNull();
        assertThat(defaults.technicalCause(new org.apache.camel.component.netty.http.NettyHttpOperationFailedException("http://x", 404, "Not Found", null, new io.netty.handler.codec.http.DefaultHttpContent(io.netty.buffer.Unpooled.EMPTY_BUFFER)))).isNull();
    }

    @Test
    void aRouteWritingOutsideItsTransactionIsTechnicalNotDead() {
        assertThat(defaults.technicalCause(new jakarta.persistence.TransactionRequiredException("no transaction"))).isNotNull();
    }

    record Amount(int amount) {
    }
}
