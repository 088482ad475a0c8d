-- Transactional outbox for email and SMS.
CREATE TABLE outbox_messages
(
    id         UUID PRIMARY KEY,
    tenant_id  UUID        NOT NULL REFERENCES tenants (id),
    channel    TEXT        NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
    recipient  TEXT        NOT NULL,
    subject    TEXT,
    body       TEXT        NOT NULL,
    status     TEXT        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    created_at TIMESTAMPTZ NOT NULL,
    sent_at    TIMESTAMPTZ
);
CREATE INDEX outbox_messages_recipient_idx ON outbox_messages (tenant_id, lower(recipient), created_at DESC);
CREATE INDEX outbox_messages_pending_idx ON outbox_messages (created_at) WHERE status = 'PENDING';
SELECT lyceum_enable_tenant_isolation('outbox_messages');
