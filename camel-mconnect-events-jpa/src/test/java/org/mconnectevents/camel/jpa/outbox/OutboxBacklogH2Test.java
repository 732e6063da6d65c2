package org.mconnectevents.camel.jpa.outbox;

import org.mconnectevents.camel.jpa.support.TestDatabase;

/** The outbox's backlog on H2. */
class OutboxBacklogH2Test extends OutboxBacklogContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
