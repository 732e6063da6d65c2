package org.mconnectevents.emulator.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One registered client of the service, identified by the common name of its client certificate.
 * A client may both produce and consume.
 *
 * @param name         certificate subject CN, also the file name of its minted certificate
 * @param idno         the legal entity id (IDNO) of the client's organisation
 * @param produces     the types it may produce, each with its allowed sources
 * @param consumes     the types it receives
 * @param personalData per consumed type, how the service logs personal-data processing
 */
public record ClientConfig(String name,
                           String idno,
                           List<ProducedType> produces,
                           List<String> consumes,
                           Map<String, PersonalDataRule> personalData) {

    public ClientConfig {
        produces = List.copyOf(produces);
        consumes = List.copyOf(consumes);
        personalData = Map.copyOf(personalData);
    }

    /** The production permission for a type, if this client may produce it. */
    public Optional<ProducedType> producedType(String type) {
        return produces.stream().filter(p -> p.type().equals(type)).findFirst();
    }

    /** Whether events of this type are stored for this client as a consumer. */
    public boolean consumes(String type) {
        return consumes.contains(type);
    }
}
