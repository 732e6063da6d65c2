package org.mconnectevents.camel.jpa.personaldata;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One processing of one data subject's personal data: the consumer's own record (PROTOCOL.md, "Personal data") of
 * which event it processed, whose data it carried, on which legal basis and for which reason, as which legal entity
 * (IDNO), and when. Table {@code mconnect_personal_data_record}; DDL in
 * {@code org/mconnectevents/camel/jpa/personaldata/personal-data-record-h2.sql} and {@code -postgresql.sql}.
 */
@Entity
@Table(name = "mconnect_personal_data_record")
public class PersonalDataRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "event_source", nullable = false, length = 1024)
    private String eventSource;
    @Column(name = "event_id", nullable = false)
    private String eventId;
    @Column(name = "event_type", nullable = false)
    private String eventType;
    @Column(name = "subject", nullable = false)
    private String subject;
    @Column(name = "legal_basis", nullable = false, length = 1000)
    private String legalBasis;
    @Column(name = "legal_reason", nullable = false, length = 1000)
    private String legalReason;
    @Column(name = "processor_idno", nullable = false, length = 64)
    private String processorIdno;
    @Column(name = "processed_at", nullable = false)
    private Instant processedAt;

    /** For JPA. */
    protected PersonalDataRecord() {
    }

    /** A record of processing {@code subject}'s data carried by the event ({@code eventSource}, {@code eventId}). */
    public PersonalDataRecord(String eventSource, String eventId, String eventType, String subject, String legalBasis,
            String legalReason, String processorIdno, Instant processedAt) {
        this.eventSource = eventSource;
        this.eventId = eventId;
        this.eventType = eventType;
        this.subject = subject;
        this.legalBasis = legalBasis;
        this.legalReason = legalReason;
        this.processorIdno = processorIdno;
        this.processedAt = processedAt;
    }

    /** The database id; null until persisted. */
    public Long getId() {
        return id;
    }

    /** The {@code source} of the event that carried the data. */
    public String getEventSource() {
        return eventSource;
    }

    /** The {@code id} of the event that carried the data. */
    public String getEventId() {
        return eventId;
    }

    /** The {@code type} of the event, which chose the rule. */
    public String getEventType() {
        return eventType;
    }

    /** The data subject, as the rule's subject path found it (e.g. an IDNP). */
    public String getSubject() {
        return subject;
    }

    /** The legal basis of the processing. */
    public String getLegalBasis() {
        return legalBasis;
    }

    /** The legal reason of the processing. */
    public String getLegalReason() {
        return legalReason;
    }

    /** The IDNO of the legal entity that processed the data: the consumer. */
    public String getProcessorIdno() {
        return processorIdno;
    }

    /** When the record was made, in the route that processed the event. */
    public Instant getProcessedAt() {
        return processedAt;
    }

    @Override
    public String toString() {
        return "PersonalDataRecord[event " + eventSource + "/" + eventId + " (" + eventType + "), subject " + subject
                + ", basis " + legalBasis + ", reason " + legalReason + ", processor " + processorIdno + ", at " + processedAt + "]";
    }
}
