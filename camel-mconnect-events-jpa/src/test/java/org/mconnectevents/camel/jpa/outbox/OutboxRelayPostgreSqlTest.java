package org.mconnectevents.camel.jpa.outbox;

import org.mconnectevents.camel.jpa.support.TestDatabase;

/** The outbox relay on PostgreSQL. */
class OutboxRelayPostgreSqlTest extends OutboxRelayContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
