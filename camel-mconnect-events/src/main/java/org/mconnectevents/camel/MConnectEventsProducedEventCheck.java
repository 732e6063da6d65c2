package org.mconnectevents.camel;

import io.cloudevents.CloudEvent;

/**
 * A check a producer makes of each event it sends, for the operator's checklist: it reports, it never refuses. The one
 * the building blocks offer, {@code PersonalDataPolicy.producerCheck()}, tells whether an event of a type with a
 * personal-data rule carries the data subjects and legal basis its consumers will record. Set it with the option
 * {@code producedEventCheck}.
 */
@FunctionalInterface
public interface MConnectEventsProducedEventCheck {

    /**
     * Null when the event meets the check; else what it lacks, naming the event by source and id and the rule, and
     * never quoting its data. Called on the producer's thread for every event it sends: return at once.
     */
    String problem(CloudEvent event);
}
