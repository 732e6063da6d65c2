package org.mconnectevents.camel.jpa.outbox;

import org.mconnectevents.camel.jpa.support.TestDatabase;

/** The outbox's backlog on PostgreSQL. */
class OutboxBacklogPostgreSqlTest extends OutboxBacklogContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
