-- A user's avatar: the image is in file storage under storage_key (a key Lyceum generates); one row per user.
CREATE TABLE user_avatars
(
    user_id      UUID PRIMARY KEY,
    tenant_id    UUID        NOT NULL,
    id           UUID        NOT NULL UNIQUE,
    storage_key  TEXT        NOT NULL UNIQUE,
    content_type TEXT        NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp', 'image/gif')),
    size_bytes   BIGINT      NOT NULL CHECK (size_bytes > 0),
    sha256       TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
SELECT lyceum_enable_tenant_isolation('user_avatars');

-- When an archived account's personal data was erased (its status is then DELETED).
ALTER TABLE users ADD COLUMN erased_at TIMESTAMPTZ;

-- The daily erasure job looks for accounts archived long enough ago.
CREATE INDEX users_archived_idx ON users (tenant_id, archived_at) WHERE status = 'ARCHIVED';
