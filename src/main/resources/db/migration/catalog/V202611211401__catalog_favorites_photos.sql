-- Favorites: a student's or guardian's saved tutors, one row per (tenant, user, tutor).
CREATE TABLE favorites
(
    id         UUID PRIMARY KEY,
    tenant_id  UUID        NOT NULL,
    user_id    UUID        NOT NULL,
    tutor_id   UUID        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, user_id, tutor_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, tutor_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX favorites_user_idx ON favorites (tenant_id, user_id, created_at DESC);
SELECT lyceum_enable_tenant_isolation('favorites');

-- A tutor's profile photo: the image is in file storage under storage_key (a key Lyceum generates); one per tutor.
CREATE TABLE tutor_photos
(
    tutor_id     UUID PRIMARY KEY,
    tenant_id    UUID        NOT NULL,
    id           UUID        NOT NULL UNIQUE,
    storage_key  TEXT        NOT NULL UNIQUE,
    content_type TEXT        NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
    size_bytes   BIGINT      NOT NULL CHECK (size_bytes > 0),
    sha256       TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, tutor_id) REFERENCES users (tenant_id, id)
);
SELECT lyceum_enable_tenant_isolation('tutor_photos');
