package org.mconnectevents.camel.jpa.personaldata;

import java.util.List;
import org.apache.camel.Exchange;

/** Where a {@link PersonalDataRecorder} puts the records of one event. */
interface RecordSink {

    /** Writes the records of the exchange's event (at least one), on the route's thread. */
    void write(Exchange exchange, List<PersonalDataRecord> records) throws Exception;

    /** Releases what the sink holds; called when the route stops. */
    default void close() throws Exception {
    }
}
