package org.mconnectevents.emulator.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Permission to produce one event type.
 *
 * @param type    the event type, {@code Organization.System.Entity.Action}
 * @param sources the {@code source} URIs the producer may use with it
 * @param schema  JSON Schema file the data must match, or {@code null}
 */
public record ProducedType(String type, List<String> sources, Path schema) {

    public ProducedType {
        sources = List.copyOf(sources);
    }
}
