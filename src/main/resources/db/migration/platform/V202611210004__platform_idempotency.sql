-- Idempotency keys: the first request with a key claims it; the stored response is replayed for retries.
-- The primary key makes the claim atomic across instances and parallel requests.
CREATE TABLE idempotency_keys
(
    scope           TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL,
    method          TEXT        NOT NULL,
    path            TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('IN_PROGRESS', 'COMPLETED')),
    response_status INT,
    response_type   TEXT,
    response_location TEXT,
    response_body   BYTEA,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX idempotency_keys_expires_at_idx ON idempotency_keys (expires_at);

-- Which demo-data contributions have been loaded into this database.
CREATE TABLE demo_data_loads
(
    contributor TEXT PRIMARY KEY,
    loaded_at   TIMESTAMPTZ NOT NULL
);
