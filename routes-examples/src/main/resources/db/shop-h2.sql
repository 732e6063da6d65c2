-- The shop's own tables (the example's business data) on H2.

-- Orders taken by the intake; each one is stored with its outbox row in one transaction.
CREATE TABLE placed_order (
    order_id      VARCHAR(64)  PRIMARY KEY,
    customer_idnp VARCHAR(13)  NOT NULL,
    item          VARCHAR(255) NOT NULL,
    quantity      INTEGER      NOT NULL,
    placed_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Orders the consumer received from MConnect Events, enriched with the customer's name. The primary key is a last
-- line of defence: a second row for one order would fail the event instead of storing it twice.
CREATE TABLE received_order (
    order_id      VARCHAR(64)  PRIMARY KEY,
    customer_idnp VARCHAR(13)  NOT NULL,
    customer_name VARCHAR(255) NOT NULL,
    item          VARCHAR(255) NOT NULL,
    quantity      INTEGER      NOT NULL,
    event_source  VARCHAR(1024) NOT NULL,
    event_id      VARCHAR(255) NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
