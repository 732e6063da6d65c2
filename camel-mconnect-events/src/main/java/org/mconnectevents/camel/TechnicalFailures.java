package org.mconnectevents.camel;

import org.mconnectevents.client.MConnectEventsRejectedException;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells a technical failure (database or network down, timeout, lock, bad configuration: retry, never dead) from
 * a structural one (the event itself can never be processed: report it dead). The cause chain is walked from the
 * outside in, and the first exception that says something decides:
 * <ul>
 * <li>a structural class (e.g. a JSON parse or mapping error, which is an IOException by inheritance but about the
 * data) makes the failure structural;</li>
 * <li>a technical class, an SQLException whose SQLState says connection (08), lock or serialization (40001, 40P01,
 * 55P03), resources or operator intervention (53, 57), a schema that does not match the application (42: a column or
 * table missing, no privilege; every event would fail alike), or an HTTP failure of Camel's HTTP components with status
 * 5xx, 408 or 429, or a 401 of MConnect Events (not authorized: the client's registration, not the event, is wrong),
 * makes it technical.</li>
 * </ul>
 * Classes match by name, subclasses included, so that no JPA, Spring or Jackson class needs to be on the class path.
 */
final class TechnicalFailures {

    private static final Set<String> HTTP_FAILURES = Set.of("org.apache.camel.http.base.HttpOperationFailedException",
            "org.apache.camel.http.common.HttpOperationFailedException",
            "org.apache.camel.component.netty.http.NettyHttpOperationFailedException");

    private final Set<String> technical;
    private final Set<String> structural;

    TechnicalFailures(String technicalClassNames, String structuralClassNames) {
        this.technical = names(technicalClassNames);
        this.structural = names(structuralClassNames);
    }

    private static Set<String> names(String commaSeparated) {
        Set<String> names = new HashSet<>();
        if (commaSeparated != null) {
            Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(name -> !name.isEmpty()).forEach(names::add);
        }
        return names;
    }

    /** The exception of the chain that makes the failure technical, or null when it is structural. */
    Throwable technicalCause(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
            if (matches(current, structural)) {
                return null;
            }
            if (matches(current, technical) || technicalSqlState(current) || technicalHttpStatus(current) || notAuthorized(current)) {
                return current;
            }
            for (Throwable suppressed : List.of(current.getSuppressed())) {
                if (matches(suppressed, technical) && !matches(suppressed, structural)) {
                    return suppressed;
                }
            }
        }
        return null;
    }

    private static boolean matches(Throwable exception, Set<String> classNames) {
        for (Class<?> type = exception.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            if (classNames.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A 401 of the service: the client certificate is not registered, or not allowed that type or source. A
     * configuration error, which the event that was being processed is not to blame for: it must come again once
     * the configuration is fixed, never be reported dead.
     */
    private static boolean notAuthorized(Throwable exception) {
        return exception instanceof MConnectEventsRejectedException rejected && rejected.getStatus() == 401;
    }

    /** Camel's HTTP components fail with their own exception; the status says whether the far side is unavailable. */
    private static boolean technicalHttpStatus(Throwable exception) {
        for (Class<?> type = exception.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            if (HTTP_FAILURES.contains(type.getName())) {
                try {
                    int status = (int) type.getMethod("getStatusCode").invoke(exception);
                    return status >= 500 || status == 408 || status == 429;
                } catch (ReflectiveOperationException | ClassCastException e) {
                    // an HTTP exception without a readable status: not enough to call it technical
                    return false;
                }
            }
        }
        return false;
    }

    private static boolean technicalSqlState(Throwable exception) {
        if (!(exception instanceof SQLException sql) || sql.getSQLState() == null) {
            return false;
        }
        String state = sql.getSQLState();
        return state.startsWith("08") || state.startsWith("42") || state.startsWith("53") || state.startsWith("57")
                || state.equals("40001") || state.equals("40P01") || state.equals("55P03") || state.startsWith("HYT");
    }
}
