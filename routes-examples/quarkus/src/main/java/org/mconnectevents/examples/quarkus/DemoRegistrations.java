package org.mconnectevents.examples.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Made-up registrations for the demo route ({@code routes/demo-registrations.yaml}), which calls {@link #next()} by
 * the bean name {@code demoRegistrations}. The IDNPs are not real ones.
 */
@ApplicationScoped
@Named("demoRegistrations")
public class DemoRegistrations {

    private static final String[] NAMES = {"Ion Popescu", "Maria Rusu", "Andrei Ciobanu", "Elena Lungu"};

    /** Counts the registrations made; atomic because timer and callers may run on different threads. */
    private final AtomicInteger made = new AtomicInteger();

    /** The next made-up registration: a new registration number and IDNP each time. */
    public CitizenRegistration next() {
        int number = made.incrementAndGet();
        return new CitizenRegistration("DEMO-%06d".formatted(number), "2009%09d".formatted(number),
                NAMES[(number - 1) % NAMES.length], LocalDate.now().toString());
    }
}
