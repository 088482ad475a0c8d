-- Files attached to outbox emails (calendar invites, later receipts and invoices), in the order they were given.
CREATE TABLE outbox_attachments
(
    id           UUID PRIMARY KEY,
    tenant_id    UUID        NOT NULL,
    message_id   UUID        NOT NULL REFERENCES outbox_messages (id) ON DELETE CASCADE,
    position     INT         NOT NULL CHECK (position >= 0),
    filename     TEXT        NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
    content_type TEXT        NOT NULL CHECK (length(content_type) BETWEEN 1 AND 255),
    content      BYTEA       NOT NULL CHECK (octet_length(content) <= 10485760),
    UNIQUE (message_id, position)
);
SELECT lyceum_enable_tenant_isolation('outbox_attachments');
