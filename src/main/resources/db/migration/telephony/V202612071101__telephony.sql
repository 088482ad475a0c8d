-- Telephony: text messages sent and received (SMS log), numbers that opted out, voice calls (call log with
-- transcript), webhook receipts that refuse replays, and the sandbox providers' own data.

-- Every text message, outbound and inbound. provider_id is the provider's message id (Twilio's SM...), unique per
-- provider so a status callback finds exactly one row.
CREATE TABLE sms_messages
(
    id                UUID PRIMARY KEY,
    tenant_id         UUID        NOT NULL,
    direction         TEXT        NOT NULL CHECK (direction IN ('OUTBOUND', 'INBOUND')),
    provider          TEXT        NOT NULL,
    provider_id       TEXT,
    user_id           UUID,
    to_number         TEXT        NOT NULL,
    from_number       TEXT,
    body              TEXT        NOT NULL,
    reference         TEXT,
    status            TEXT        NOT NULL,
    error_code        TEXT,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (provider, provider_id)
);
CREATE INDEX sms_messages_tenant_idx ON sms_messages (tenant_id, created_at DESC, id DESC);
SELECT lyceum_enable_tenant_isolation('sms_messages');

-- Numbers that replied STOP (or a carrier synonym) in a tenant; START removes the row.
CREATE TABLE sms_opt_outs
(
    tenant_id    UUID        NOT NULL,
    number       TEXT        NOT NULL CHECK (number ~ '^\+[1-9][0-9]{6,14}$'),
    opted_out_at TIMESTAMPTZ NOT NULL,
    keyword      TEXT        NOT NULL,
    PRIMARY KEY (tenant_id, number)
);
SELECT lyceum_enable_tenant_isolation('sms_opt_outs');

-- Voice calls, outbound and inbound: status from the provider's status updates, outcome and transcript from its
-- end-of-call report.
CREATE TABLE call_logs
(
    id           UUID PRIMARY KEY,
    tenant_id    UUID        NOT NULL,
    direction    TEXT        NOT NULL CHECK (direction IN ('OUTBOUND', 'INBOUND')),
    provider     TEXT        NOT NULL,
    call_id      TEXT        NOT NULL,
    user_id      UUID,
    number       TEXT        NOT NULL,
    script       TEXT,
    reference    TEXT,
    status       TEXT        NOT NULL,
    outcome      TEXT,
    ended_reason TEXT,
    transcript   TEXT,
    error_code   TEXT,
    started_at   TIMESTAMPTZ,
    ended_at     TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (provider, call_id)
);
CREATE INDEX call_logs_tenant_idx ON call_logs (tenant_id, created_at DESC, id DESC);
CREATE INDEX call_logs_user_idx ON call_logs (tenant_id, user_id, created_at DESC, id DESC);
SELECT lyceum_enable_tenant_isolation('call_logs');

-- One row per webhook request accepted: a replay (the same signed request sent again) conflicts and is refused.
CREATE TABLE telephony_webhook_receipts
(
    provider    TEXT        NOT NULL,
    receipt_key TEXT        NOT NULL,
    tenant_id   UUID        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (provider, receipt_key)
);
SELECT lyceum_enable_tenant_isolation('telephony_webhook_receipts');

-- Provider-side data of the sandboxes (not tenant data): the secrets they sign with, generated per installation so
-- no signing secret is written in the source, and the webhooks they still have to deliver (at least once, retried
-- with backoff, claimed with FOR UPDATE SKIP LOCKED by any instance).
CREATE TABLE telephony_sandbox_secrets
(
    name       TEXT PRIMARY KEY,
    value      TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE telephony_sandbox_webhooks
(
    seq             BIGSERIAL PRIMARY KEY,
    provider        TEXT        NOT NULL,
    url             TEXT        NOT NULL,
    content_type    TEXT        NOT NULL,
    body            TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    delivered_at    TIMESTAMPTZ,
    last_error      TEXT
);
CREATE INDEX telephony_sandbox_webhooks_due_idx ON telephony_sandbox_webhooks (next_attempt_at, seq)
    WHERE delivered_at IS NULL;

-- What the sandboxes "sent": the text of each message and the script of each call, as the provider saw them, for
-- developers (GET /api/v1/dev/sms).
CREATE TABLE telephony_sandbox_messages
(
    sid        TEXT PRIMARY KEY,
    kind       TEXT        NOT NULL CHECK (kind IN ('SMS', 'CALL')),
    to_number  TEXT        NOT NULL,
    from_number TEXT,
    body       TEXT        NOT NULL,
    status     TEXT        NOT NULL,
    error_code TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX telephony_sandbox_messages_idx ON telephony_sandbox_messages (created_at DESC, sid DESC);
