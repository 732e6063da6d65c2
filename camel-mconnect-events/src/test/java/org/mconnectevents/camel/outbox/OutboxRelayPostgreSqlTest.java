package org.mconnectevents.camel.outbox;

import org.mconnectevents.camel.support.TestDatabase;

/** The outbox relay on PostgreSQL. */
class OutboxRelayPostgreSqlTest extends OutboxRelayContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
