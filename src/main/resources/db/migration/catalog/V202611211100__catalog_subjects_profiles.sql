-- Catalog: categories and subjects (admin-managed, public list), tutor profiles with an approval workflow.

CREATE TABLE categories
(
    id          UUID PRIMARY KEY,
    tenant_id   UUID        NOT NULL,
    name        TEXT        NOT NULL,
    slug        TEXT        NOT NULL,
    position    INT         NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, id)
);
CREATE UNIQUE INDEX categories_name_unique ON categories (tenant_id, lower(name));
CREATE UNIQUE INDEX categories_slug_unique ON categories (tenant_id, slug);
SELECT lyceum_enable_tenant_isolation('categories');

CREATE TABLE subjects
(
    id          UUID PRIMARY KEY,
    tenant_id   UUID        NOT NULL,
    category_id UUID        NOT NULL,
    name        TEXT        NOT NULL,
    levels      TEXT[]      NOT NULL DEFAULT '{}',
    active      BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, category_id) REFERENCES categories (tenant_id, id),
    CHECK (levels <@ ARRAY ['PRIMARY', 'GCSE', 'A_LEVEL', 'IB', 'UNIVERSITY', 'ADULT']::TEXT[])
);
CREATE UNIQUE INDEX subjects_name_unique ON subjects (tenant_id, lower(name));
CREATE INDEX subjects_category_idx ON subjects (tenant_id, category_id);
SELECT lyceum_enable_tenant_isolation('subjects');

-- A tutor's profile: the draft the tutor edits and the published version the public sees (both JSON documents of
-- sections). pending_review marks an approved profile whose draft has material changes waiting for an admin.
CREATE TABLE tutor_profiles
(
    tutor_id          UUID PRIMARY KEY,
    tenant_id         UUID        NOT NULL,
    status            TEXT        NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED',
                                                             'CHANGES_REQUESTED', 'SUSPENDED')),
    draft             JSONB       NOT NULL,
    published         JSONB,
    pending_review    BOOLEAN     NOT NULL DEFAULT FALSE,
    status_reason     TEXT,
    published_version BIGINT      NOT NULL DEFAULT 0,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    submitted_at      TIMESTAMPTZ,
    FOREIGN KEY (tenant_id, tutor_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX tutor_profiles_status_idx ON tutor_profiles (tenant_id, status);
CREATE INDEX tutor_profiles_subjects_idx ON tutor_profiles USING gin ((draft -> 'subjects') jsonb_path_ops);
SELECT lyceum_enable_tenant_isolation('tutor_profiles');

-- Append-only history of profile state changes.
CREATE TABLE tutor_profile_history
(
    id          UUID PRIMARY KEY,
    tenant_id   UUID        NOT NULL,
    tutor_id    UUID        NOT NULL,
    actor_id    UUID        NOT NULL,
    from_status TEXT        NOT NULL,
    to_status   TEXT        NOT NULL,
    reason      TEXT,
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX tutor_profile_history_tutor_idx ON tutor_profile_history (tenant_id, tutor_id, at);
SELECT lyceum_enable_tenant_isolation('tutor_profile_history');
