package org.mconnectevents.camel.jpa.outbox;

import org.mconnectevents.camel.jpa.support.TestDatabase;

/** Writing to the outbox in a transacted route, on PostgreSQL. */
class OutboxAppenderPostgreSqlTest extends OutboxAppenderContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
