-- The business table of the trace test: the order whose request is traced.
CREATE TABLE placed_order (id VARCHAR(64) PRIMARY KEY);
