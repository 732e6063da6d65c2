package org.mconnectevents.camel.jpa;

import jakarta.persistence.EntityManagerFactory;
import org.apache.camel.processor.idempotent.jpa.MessageProcessed;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.mconnectevents.camel.jpa.outbox.OutboxEvent;
import org.mconnectevents.camel.jpa.personaldata.PersonalDataRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mconnectevents.camel.jpa.schema.SqlScripts;
import org.mconnectevents.camel.jpa.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The DDL shipped in the jar is what Hibernate maps: {@code hibernate.hbm2ddl.auto=validate} accepts the tables and
 * the sequence of camel-jpa's {@link MessageProcessed}, of {@link PersonalDataRecord} and of {@link OutboxEvent} on H2
 * and PostgreSQL.
 */
class ShippedDdlTest {

    @ParameterizedTest(name = "on {0}")
    @EnumSource(TestDatabase.Kind.class)
    void hibernateValidatesTheShippedTablesAgainstTheEntities(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, 2).apply(
                SqlScripts.Tables.IDEMPOTENCY.script(kind.name()),
                SqlScripts.Tables.PERSONAL_DATA_RECORD.script(kind.name()),
                SqlScripts.Tables.OUTBOX.script(kind.name()))) {
            HibernatePersistenceConfiguration configuration = new HibernatePersistenceConfiguration("validate-" + kind)
                    .managedClass(MessageProcessed.class).managedClass(PersonalDataRecord.class).managedClass(OutboxEvent.class);
            configuration.property("jakarta.persistence.nonJtaDataSource", database.dataSource());
            configuration.property("hibernate.hbm2ddl.auto", "validate");

            assertThatCode(() -> {
                try (EntityManagerFactory factory = configuration.createEntityManagerFactory()) {
                    factory.getMetamodel();
                }
            }).doesNotThrowAnyException();
        }
    }
}
