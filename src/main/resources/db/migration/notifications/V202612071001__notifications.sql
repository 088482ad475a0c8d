-- Notifications: what each user was told (the in-app feed), the deliveries on the other channels (a durable queue
-- claimed with FOR UPDATE SKIP LOCKED), every delivery attempt, and each user's preferences.
CREATE TABLE notifications
(
    id           UUID PRIMARY KEY,
    tenant_id    UUID        NOT NULL REFERENCES tenants (id),
    recipient_id UUID        NOT NULL,
    kind         TEXT        NOT NULL CHECK (length(kind) BETWEEN 1 AND 60),
    category     TEXT        NOT NULL CHECK (length(category) BETWEEN 1 AND 40),
    -- the event that caused it: a redelivered event finds its notification and adds nothing
    event_key    TEXT        NOT NULL CHECK (length(event_key) BETWEEN 1 AND 200),
    title        TEXT        NOT NULL,
    body         TEXT        NOT NULL,
    link         TEXT,
    data         JSONB       NOT NULL DEFAULT '{}',
    in_app       BOOLEAN     NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    read_at      TIMESTAMPTZ,
    dismissed_at TIMESTAMPTZ,
    deleted_at   TIMESTAMPTZ,
    UNIQUE (tenant_id, recipient_id, event_key)
);
CREATE INDEX notifications_feed_idx ON notifications (tenant_id, recipient_id, created_at DESC, id DESC)
    WHERE in_app AND deleted_at IS NULL;
CREATE INDEX notifications_unread_idx ON notifications (tenant_id, recipient_id)
    WHERE in_app AND deleted_at IS NULL AND read_at IS NULL;
SELECT lyceum_enable_tenant_isolation('notifications');

CREATE TABLE notification_deliveries
(
    id              UUID PRIMARY KEY,
    tenant_id       UUID        NOT NULL REFERENCES tenants (id),
    -- null for a daily digest, which gathers the deliveries whose digest_id names it
    notification_id UUID REFERENCES notifications (id),
    recipient_id    UUID        NOT NULL,
    channel         TEXT        NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'VOICE')),
    address         TEXT        NOT NULL,
    subject         TEXT,
    text_body       TEXT        NOT NULL,
    html_body       TEXT,
    -- files fetched from their owning module when the email is sent: [{"kind": "CALENDAR_INVITE", "id": ...}]
    attachments     JSONB       NOT NULL DEFAULT '[]',
    -- a link that switches this category's email off (List-Unsubscribe); null for essential messages
    unsubscribe_url TEXT,
    status          TEXT        NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'DELIVERED', 'FAILED',
                                                          'HELD_FOR_DIGEST', 'DIGESTED', 'CANCELLED')),
    attempts        INT         NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts    INT         NOT NULL CHECK (max_attempts > 0),
    next_attempt_at TIMESTAMPTZ NOT NULL,
    -- while SENDING: the claim lapses at this time and another instance may take the delivery over
    claimed_until   TIMESTAMPTZ,
    provider_id     TEXT,
    last_error      TEXT,
    digest_id       UUID REFERENCES notification_deliveries (id),
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (next_attempt_at)
    WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX notification_deliveries_notification_idx ON notification_deliveries (notification_id);
CREATE INDEX notification_deliveries_digest_idx ON notification_deliveries (tenant_id, recipient_id)
    WHERE status = 'HELD_FOR_DIGEST';
SELECT lyceum_enable_tenant_isolation('notification_deliveries');

CREATE TABLE notification_attempts
(
    id          UUID PRIMARY KEY,
    tenant_id   UUID        NOT NULL REFERENCES tenants (id),
    delivery_id UUID        NOT NULL REFERENCES notification_deliveries (id),
    number      INT         NOT NULL CHECK (number > 0),
    status      TEXT        NOT NULL CHECK (status IN ('SENDING', 'SENT', 'DELIVERED', 'FAILED', 'RETRY',
                                                       'ABANDONED')),
    provider_id TEXT,
    error       TEXT,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    -- one attempt per claim: two instances can never both record attempt n of one delivery
    UNIQUE (delivery_id, number)
);
SELECT lyceum_enable_tenant_isolation('notification_attempts');

CREATE TABLE notification_preferences
(
    tenant_id  UUID        NOT NULL REFERENCES tenants (id),
    user_id    UUID        NOT NULL,
    category   TEXT        NOT NULL,
    in_app     BOOLEAN     NOT NULL,
    email      BOOLEAN     NOT NULL,
    sms        BOOLEAN     NOT NULL,
    voice      BOOLEAN     NOT NULL,
    digest     BOOLEAN     NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, user_id, category),
    CHECK (NOT digest OR email)
);
SELECT lyceum_enable_tenant_isolation('notification_preferences');

CREATE TABLE notification_settings
(
    tenant_id         UUID        NOT NULL REFERENCES tenants (id),
    user_id           UUID        NOT NULL,
    quiet_start       TIME,
    quiet_end         TIME,
    unsubscribe_token TEXT        NOT NULL UNIQUE,
    updated_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, user_id),
    CHECK ((quiet_start IS NULL) = (quiet_end IS NULL) AND (quiet_start IS NULL OR quiet_start <> quiet_end))
);
SELECT lyceum_enable_tenant_isolation('notification_settings');
