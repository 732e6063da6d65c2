package org.mconnectevents.examples.interim;

import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.mconnectevents.camel.MConnectEventsConstants;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/**
 * STAND-IN for {@code org.mconnectevents.camel.personaldata.PersonalDataRecorder}: writes one record of the
 * processing of personal data per consumed event (one data subject, one event type), in the route's transaction.
 * A subject path the event does not have is a structural failure: the event goes dead with that reason.
 */
public final class InterimPersonalDataRecorder implements Processor {

    private final EntityManager entityManager;
    private final String processorIdno;
    private final String subjectPath;
    private final String legalBasis;
    private final String legalReason;

    /**
     * @param processorIdno our IDNO (the consuming system is the personal-data processor)
     * @param subjectPath   JSON path to the data subject in the event's data, e.g. {@code $.customer.idnp}
     */
    public InterimPersonalDataRecorder(EntityManagerFactory entityManagerFactory, String processorIdno,
                                       String subjectPath, String legalBasis, String legalReason) {
        this.entityManager = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
        this.processorIdno = processorIdno;
        this.subjectPath = subjectPath;
        this.legalBasis = legalBasis;
        this.legalReason = legalReason;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String source = message.getHeader(MConnectEventsConstants.CLOUD_EVENT_SOURCE, String.class);
        String id = message.getHeader(MConnectEventsConstants.CLOUD_EVENT_ID, String.class);
        String subject;
        try {
            subject = String.valueOf((Object) JsonPath.read(message.getBody(String.class), subjectPath));
        } catch (PathNotFoundException e) {
            throw new IllegalArgumentException("event " + source + " / " + id + " names no data subject at " + subjectPath
                    + ", so its personal-data processing cannot be recorded; the producer must fill it", e);
        }
        entityManager.createNativeQuery("INSERT INTO interim_personal_data_record (event_source, event_id, event_type, "
                        + "subject, processor_idno, legal_basis, legal_reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .setParameter(1, source)
                .setParameter(2, id)
                .setParameter(3, message.getHeader(MConnectEventsConstants.CLOUD_EVENT_TYPE, String.class))
                .setParameter(4, subject)
                .setParameter(5, processorIdno)
                .setParameter(6, legalBasis)
                .setParameter(7, legalReason)
                .setParameter(8, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
    }
}
