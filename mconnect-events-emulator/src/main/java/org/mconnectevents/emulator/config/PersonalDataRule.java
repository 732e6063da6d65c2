package org.mconnectevents.emulator.config;

import java.util.List;

/**
 * How the service logs the processing of personal data carried by one event type, for one consumer.
 * Each value is either fixed text or, when it starts with {@code $}, a JSON path into the event data.
 *
 * @param subjects    JSON paths of the data subject(s), e.g. {@code $.ChildIDNP}
 * @param legalBasis  fixed text or JSON path
 * @param legalReason fixed text or JSON path
 */
public record PersonalDataRule(List<String> subjects, String legalBasis, String legalReason) {

    public PersonalDataRule {
        subjects = List.copyOf(subjects);
    }
}
