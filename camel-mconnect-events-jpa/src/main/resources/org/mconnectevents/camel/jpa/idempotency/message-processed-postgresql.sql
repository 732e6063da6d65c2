-- camel-jpa's idempotent repository (JpaMessageIdRepository, entity MessageProcessed) on PostgreSQL, as Hibernate maps it.
-- Apply once, with your other migrations. Used by MConnectEventsIdempotency.jpaRepository(...).
-- Hibernate draws ids from the sequence in blocks of 50 (the entity's @GeneratedValue): keep INCREMENT BY 50.
CREATE SEQUENCE CAMEL_MESSAGEPROCESSED_SEQ START WITH 1 INCREMENT BY 50;
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    id            BIGINT       NOT NULL PRIMARY KEY,
    processorName VARCHAR(255) NOT NULL,  -- the consumer (group or route) that processed the event
    messageId     VARCHAR(255) NOT NULL,  -- EventKey: length of source, source, id; or sha256:... when longer
    createdAt     TIMESTAMP(6),
    -- two concurrent deliveries of one event cannot both commit: the second waits, then fails and is retried
    CONSTRAINT camel_messageprocessed_key UNIQUE (processorName, messageId)
);
-- keys older than the service's retention can never be needed again; this index makes deleting them cheap
CREATE INDEX camel_messageprocessed_created ON CAMEL_MESSAGEPROCESSED (createdAt);
