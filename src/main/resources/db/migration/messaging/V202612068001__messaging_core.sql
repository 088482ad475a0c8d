-- Messaging: conversations between two people, their messages (ordered by a per-conversation sequence), read state
-- per participant, edit history, attachments, per-room moderation and its log, and the tenant's messaging settings.

-- One conversation per pair and type. participant_a is the student, guardian or admin; participant_b the tutor (or
-- the student in an admin notice channel). last_seq is the last message sequence handed out: taking the next one
-- locks the row, so messages of a conversation are numbered in commit order.
CREATE TABLE conversations
(
    id                   UUID PRIMARY KEY,
    tenant_id            UUID        NOT NULL,
    type                 TEXT        NOT NULL CHECK (type IN ('STUDENT_TUTOR', 'GUARDIAN_TUTOR', 'ADMIN_STUDENT', 'ADMIN_TUTOR')),
    participant_a        UUID        NOT NULL,
    participant_b        UUID        NOT NULL,
    status               TEXT        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'CLOSED')),
    opened_by            TEXT        NOT NULL,
    last_seq             BIGINT      NOT NULL DEFAULT 0,
    last_message_at      TIMESTAMPTZ,
    last_message_preview TEXT,
    created_at           TIMESTAMPTZ NOT NULL,
    CHECK (participant_a <> participant_b),
    UNIQUE (tenant_id, type, participant_a, participant_b),
    FOREIGN KEY (tenant_id, participant_a) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, participant_b) REFERENCES users (tenant_id, id)
);
CREATE INDEX conversations_a_idx ON conversations (tenant_id, participant_a, last_message_at DESC NULLS LAST);
CREATE INDEX conversations_b_idx ON conversations (tenant_id, participant_b, last_message_at DESC NULLS LAST);
SELECT lyceum_enable_tenant_isolation('conversations');

CREATE TABLE chat_messages
(
    id              UUID PRIMARY KEY,
    tenant_id       UUID        NOT NULL,
    conversation_id UUID        NOT NULL REFERENCES conversations (id),
    seq             BIGINT      NOT NULL CHECK (seq > 0),
    sender_id       UUID,
    sender_name     TEXT,
    type            TEXT        NOT NULL CHECK (type IN ('TEXT', 'IMAGE', 'DOCUMENT', 'SYSTEM', 'WARNING')),
    body            TEXT        NOT NULL DEFAULT '',
    content         JSONB       NOT NULL DEFAULT '{}'::jsonb,
    reply_to_id     UUID REFERENCES chat_messages (id),
    reply_preview   TEXT,
    client_id       TEXT,
    dedupe_key      TEXT,
    masked          BOOLEAN     NOT NULL DEFAULT false,
    created_at      TIMESTAMPTZ NOT NULL,
    edited_at       TIMESTAMPTZ,
    deleted_at      TIMESTAMPTZ,
    deleted_by      UUID,
    search          TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED,
    UNIQUE (conversation_id, seq),
    UNIQUE (conversation_id, dedupe_key),
    CHECK (octet_length(body) <= 65536),
    CHECK ((type IN ('SYSTEM')) OR sender_id IS NOT NULL)
);
CREATE INDEX chat_messages_sender_idx ON chat_messages (tenant_id, sender_id, created_at DESC);
CREATE INDEX chat_messages_search_idx ON chat_messages USING gin (search);
SELECT lyceum_enable_tenant_isolation('chat_messages');

-- Each edit keeps the text it replaced.
CREATE TABLE chat_message_edits
(
    id            UUID PRIMARY KEY,
    tenant_id     UUID        NOT NULL,
    message_id    UUID        NOT NULL REFERENCES chat_messages (id),
    previous_body TEXT        NOT NULL,
    edited_by     UUID        NOT NULL,
    edited_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX chat_message_edits_message_idx ON chat_message_edits (message_id, edited_at);
SELECT lyceum_enable_tenant_isolation('chat_message_edits');

-- How far each reader has read a conversation (a guardian reading a minor's conversation has a row too).
CREATE TABLE conversation_reads
(
    conversation_id UUID        NOT NULL REFERENCES conversations (id),
    user_id         UUID        NOT NULL,
    tenant_id       UUID        NOT NULL,
    last_read_seq   BIGINT      NOT NULL DEFAULT 0,
    read_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);
SELECT lyceum_enable_tenant_isolation('conversation_reads');

-- Files sent in a conversation; the bytes are in file storage under storage_key.
CREATE TABLE chat_attachments
(
    id              UUID PRIMARY KEY,
    tenant_id       UUID        NOT NULL,
    conversation_id UUID        NOT NULL REFERENCES conversations (id),
    message_id      UUID REFERENCES chat_messages (id),
    uploaded_by     UUID        NOT NULL,
    storage_key     TEXT        NOT NULL UNIQUE,
    file_name       TEXT        NOT NULL,
    content_type    TEXT        NOT NULL,
    size_bytes      BIGINT      NOT NULL CHECK (size_bytes > 0),
    sha256          TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL
);
SELECT lyceum_enable_tenant_isolation('chat_attachments');

-- Pairs that have had a paid lesson: contact details between them are no longer masked.
CREATE TABLE messaging_paid_pairs
(
    tenant_id     UUID        NOT NULL,
    user_id       UUID        NOT NULL,
    tutor_id      UUID        NOT NULL,
    first_paid_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, user_id, tutor_id)
);
SELECT lyceum_enable_tenant_isolation('messaging_paid_pairs');

-- Blocks and silences in a room. lifted_at ends one early; expires_at NULL is permanent. At most one live
-- restriction of each kind per user and room.
CREATE TABLE chat_moderations
(
    id               UUID PRIMARY KEY,
    tenant_id        UUID        NOT NULL,
    conversation_id  UUID        NOT NULL REFERENCES conversations (id),
    user_id          UUID        NOT NULL,
    action           TEXT        NOT NULL CHECK (action IN ('BLOCKED', 'SILENCED')),
    reason           TEXT,
    duration_seconds INTEGER     NOT NULL CHECK (duration_seconds >= 0),
    expires_at       TIMESTAMPTZ,
    issued_by        UUID        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    lifted_at        TIMESTAMPTZ,
    lifted_by        UUID
);
CREATE INDEX chat_moderations_room_user_idx ON chat_moderations (conversation_id, user_id) WHERE lifted_at IS NULL;
SELECT lyceum_enable_tenant_isolation('chat_moderations');

-- Append-only: every moderation command and every admin's audited read of someone else's conversation.
CREATE TABLE chat_moderation_log
(
    id              UUID PRIMARY KEY,
    tenant_id       UUID        NOT NULL,
    conversation_id UUID        NOT NULL REFERENCES conversations (id),
    actor_id        UUID        NOT NULL,
    target_user_id  UUID,
    action          TEXT        NOT NULL CHECK (action IN ('BLOCK', 'UNBLOCK', 'SILENCE', 'UNSILENCE', 'ADMIN_READ', 'DELETE_MESSAGE')),
    reason          TEXT,
    duration_seconds INTEGER,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX chat_moderation_log_room_idx ON chat_moderation_log (tenant_id, created_at DESC);
SELECT lyceum_enable_tenant_isolation('chat_moderation_log');

-- Per-tenant messaging rules; a tenant without a row gets the defaults.
CREATE TABLE messaging_settings
(
    tenant_id                UUID PRIMARY KEY,
    mask_contacts_until_paid BOOLEAN     NOT NULL DEFAULT true,
    guardians_read_minors    BOOLEAN     NOT NULL DEFAULT true,
    first_contact_allowed    BOOLEAN     NOT NULL DEFAULT false,
    updated_at               TIMESTAMPTZ NOT NULL
);
SELECT lyceum_enable_tenant_isolation('messaging_settings');
