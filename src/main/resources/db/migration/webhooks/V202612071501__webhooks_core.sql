-- Outgoing webhooks: subscriptions (endpoints), the durable delivery queue (one message per event and subscription)
-- and the log of every delivery attempt.
CREATE TABLE webhook_subscriptions
(
    tenant_id                   UUID        NOT NULL REFERENCES tenants (id),
    id                          UUID        NOT NULL PRIMARY KEY,
    url                         TEXT        NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
    description                 TEXT CHECK (length(description) <= 500),
    event_types                 TEXT[]      NOT NULL CHECK (cardinality(event_types) >= 1),
    enabled                     BOOLEAN     NOT NULL,
    -- whsec_ secrets, sealed with the installation's encryption key (SecretCipher, the subscription id bound in)
    secret                      TEXT        NOT NULL,
    previous_secret             TEXT,
    previous_secret_expires_at  TIMESTAMPTZ,
    created_by                  UUID        NOT NULL,
    -- the start of the current run of failed attempts (null after a success), and messages given up in a row
    failing_since               TIMESTAMPTZ,
    consecutive_failed_messages INT         NOT NULL DEFAULT 0 CHECK (consecutive_failed_messages >= 0),
    disabled_at                 TIMESTAMPTZ,
    disabled_reason             TEXT CHECK (length(disabled_reason) <= 500),
    created_at                  TIMESTAMPTZ NOT NULL,
    updated_at                  TIMESTAMPTZ NOT NULL,
    CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL))
);
CREATE INDEX webhook_subscriptions_tenant_idx ON webhook_subscriptions (tenant_id, created_at DESC, id DESC);
SELECT lyceum_enable_tenant_isolation('webhook_subscriptions');

CREATE TABLE webhook_messages
(
    tenant_id        UUID        NOT NULL REFERENCES tenants (id),
    id               UUID        NOT NULL PRIMARY KEY,
    subscription_id  UUID        NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_type       TEXT        NOT NULL CHECK (length(event_type) BETWEEN 1 AND 100),
    -- the source event's identity (type and subject): a redelivered module event queues nothing twice
    event_key        TEXT        NOT NULL CHECK (length(event_key) BETWEEN 1 AND 300),
    -- the exact body that is signed and sent
    payload          TEXT        NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'DELIVERED', 'FAILED')),
    attempts         INT         NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- PENDING: when to try next; SENDING: when the sender's lease runs out (then any instance may take it again)
    next_attempt_at  TIMESTAMPTZ,
    claim_token      UUID,
    give_up_at       TIMESTAMPTZ NOT NULL,
    last_status_code INT,
    last_error       TEXT CHECK (length(last_error) <= 1000),
    created_at       TIMESTAMPTZ NOT NULL,
    delivered_at     TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ NOT NULL,
    CHECK (status NOT IN ('PENDING', 'SENDING') OR next_attempt_at IS NOT NULL),
    CHECK ((status = 'SENDING') = (claim_token IS NOT NULL))
);
CREATE UNIQUE INDEX webhook_messages_event_uq ON webhook_messages (subscription_id, event_key);
CREATE INDEX webhook_messages_due_idx ON webhook_messages (tenant_id, next_attempt_at)
    WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX webhook_messages_log_idx ON webhook_messages (tenant_id, subscription_id, created_at DESC, id DESC);
SELECT lyceum_enable_tenant_isolation('webhook_messages');

CREATE TABLE webhook_attempts
(
    tenant_id        UUID        NOT NULL REFERENCES tenants (id),
    id               UUID        NOT NULL PRIMARY KEY,
    message_id       UUID        NOT NULL REFERENCES webhook_messages (id) ON DELETE CASCADE,
    attempt          INT         NOT NULL CHECK (attempt >= 1),
    started_at       TIMESTAMPTZ NOT NULL,
    duration_ms      BIGINT      NOT NULL CHECK (duration_ms >= 0),
    succeeded        BOOLEAN     NOT NULL,
    status_code      INT,
    response_excerpt TEXT CHECK (length(response_excerpt) <= 2000),
    error            TEXT CHECK (length(error) <= 1000),
    UNIQUE (message_id, attempt)
);
SELECT lyceum_enable_tenant_isolation('webhook_attempts');
