package org.mconnectevents.camel.jpa.outbox;

import org.mconnectevents.camel.jpa.support.TestDatabase;

/** Writing to the outbox in a transacted route, on H2. */
class OutboxAppenderH2Test extends OutboxAppenderContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
