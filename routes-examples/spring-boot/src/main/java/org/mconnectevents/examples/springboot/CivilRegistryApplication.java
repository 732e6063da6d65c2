package org.mconnectevents.examples.springboot;

import org.apache.camel.processor.idempotent.jpa.MessageProcessed;
import org.mconnectevents.camel.jpa.outbox.OutboxEvent;
import org.mconnectevents.camel.jpa.personaldata.PersonalDataRecord;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.domain.EntityScan;

/**
 * A civil registry on Spring Boot: registers citizens over HTTP and announces each registration on MConnect Events
 * through a transactional outbox; a consumer of those announcements keeps a register of the citizens, records the
 * processing of their personal data, skips duplicates and reports what it can never process as dead.
 * <p>
 * The entities of the building blocks (outbox rows, processed-event keys, personal-data records) are the
 * application's entities too: they live in the application's persistence unit and its transactions.
 */
@SpringBootApplication
@EntityScan(basePackageClasses = {CivilRegistryApplication.class, OutboxEvent.class, MessageProcessed.class,
        PersonalDataRecord.class})
public class CivilRegistryApplication {

    public static void main(String[] args) {
        SpringApplication.run(CivilRegistryApplication.class, args);
    }
}
