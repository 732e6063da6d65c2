package org.mconnectevents.camel;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells a technical failure (database or network down, timeout, lock, bad configuration: retry, never dead) from
 * a structural one (the event itself can never be processed: report it dead). A failure is technical when an
 * exception of its cause chain is, or extends, a configured class (matched by name, so that no JPA or Spring
 * class needs to be on the class path), or is an SQLException whose SQLState says connection (08), lock or
 * serialization (40001, 40P01, 55P03), or resources and operator intervention (53, 57).
 */
final class TechnicalFailures {

    private final Set<String> classNames;

    TechnicalFailures(String commaSeparatedClassNames) {
        this.classNames = new HashSet<>();
        if (commaSeparatedClassNames != null) {
            Arrays.stream(commaSeparatedClassNames.split(",")).map(String::trim).filter(name -> !name.isEmpty()).forEach(classNames::add);
        }
    }

    /** The exception of the chain that makes the failure technical, or null when it is structural. */
    Throwable technicalCause(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
            if (matches(current) || technicalSqlState(current)) {
                return current;
            }
            for (Throwable suppressed : List.of(current.getSuppressed())) {
                if (matches(suppressed)) {
                    return suppressed;
                }
            }
        }
        return null;
    }

    private boolean matches(Throwable exception) {
        for (Class<?> type = exception.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            if (classNames.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean technicalSqlState(Throwable exception) {
        if (!(exception instanceof SQLException sql) || sql.getSQLState() == null) {
            return false;
        }
        String state = sql.getSQLState();
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.equals("40001")
                || state.equals("40P01") || state.equals("55P03") || state.startsWith("HYT");
    }
}
