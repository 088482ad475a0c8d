-- The sandbox payment provider's own records. They stand for the provider's side (what Stripe keeps), so they are
-- not tenant data: the tenant travels in each object's metadata, as it does with Stripe. Every creating call stores
-- its idempotency key, so repeating a call returns the first object.

CREATE TABLE sandbox_customers
(
    id              TEXT PRIMARY KEY,
    idempotency_key TEXT UNIQUE,
    email           TEXT,
    name            TEXT,
    created_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE sandbox_payment_methods
(
    id          TEXT PRIMARY KEY,
    customer_id TEXT REFERENCES sandbox_customers (id),
    brand       TEXT        NOT NULL,
    last4       TEXT        NOT NULL,
    exp_month   INT         NOT NULL,
    exp_year    INT         NOT NULL,
    funding     TEXT        NOT NULL,
    behaviour   TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    detached_at TIMESTAMPTZ
);

CREATE TABLE sandbox_payment_intents
(
    id                TEXT PRIMARY KEY,
    idempotency_key   TEXT UNIQUE,
    amount            BIGINT      NOT NULL CHECK (amount > 0),
    currency          CHAR(3)     NOT NULL,
    status            TEXT        NOT NULL,
    customer_id       TEXT,
    payment_method_id TEXT,
    description       TEXT,
    metadata          JSONB       NOT NULL DEFAULT '{}',
    return_url        TEXT,
    amount_refunded   BIGINT      NOT NULL DEFAULT 0 CHECK (amount_refunded BETWEEN 0 AND amount),
    failure_code      TEXT,
    decline_code      TEXT,
    failure_message   TEXT,
    settle_at         TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX sandbox_payment_intents_created_idx ON sandbox_payment_intents (created_at);
CREATE INDEX sandbox_payment_intents_settle_idx ON sandbox_payment_intents (settle_at) WHERE settle_at IS NOT NULL;

CREATE TABLE sandbox_refunds
(
    id                TEXT PRIMARY KEY,
    idempotency_key   TEXT UNIQUE,
    payment_intent_id TEXT        NOT NULL REFERENCES sandbox_payment_intents (id),
    amount            BIGINT      NOT NULL CHECK (amount > 0),
    currency          CHAR(3)     NOT NULL,
    status            TEXT        NOT NULL,
    metadata          JSONB       NOT NULL DEFAULT '{}',
    created_at        TIMESTAMPTZ NOT NULL
);

CREATE TABLE sandbox_accounts
(
    id              TEXT PRIMARY KEY,
    idempotency_key TEXT UNIQUE,
    email           TEXT,
    country         TEXT        NOT NULL,
    bank_account    TEXT,
    payouts_enabled BOOLEAN     NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE sandbox_payouts
(
    id              TEXT PRIMARY KEY,
    idempotency_key TEXT UNIQUE,
    account_id      TEXT        NOT NULL REFERENCES sandbox_accounts (id),
    amount          BIGINT      NOT NULL CHECK (amount > 0),
    currency        CHAR(3)     NOT NULL,
    status          TEXT        NOT NULL,
    failure_code    TEXT,
    failure_message TEXT,
    metadata        JSONB       NOT NULL DEFAULT '{}',
    settle_at       TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX sandbox_payouts_settle_idx ON sandbox_payouts (settle_at) WHERE settle_at IS NOT NULL;

-- Events to deliver to the webhook endpoint, in the order they happened; delivered at least once.
CREATE TABLE sandbox_events
(
    seq             BIGSERIAL PRIMARY KEY,
    id              TEXT        NOT NULL UNIQUE,
    type            TEXT        NOT NULL,
    payload         TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    delivered_at    TIMESTAMPTZ,
    last_error      TEXT
);
CREATE INDEX sandbox_events_undelivered_idx ON sandbox_events (next_attempt_at, seq) WHERE delivered_at IS NULL;
