-- Catalog: tutors' course packs and their materials. Materials' files live in FileStorage (storage_key).

CREATE TABLE course_packs
(
    id                           UUID PRIMARY KEY,
    tenant_id                    UUID        NOT NULL,
    tutor_id                     UUID        NOT NULL,
    title                        TEXT        NOT NULL,
    description                  TEXT,
    category_id                  UUID        NOT NULL,
    level                        TEXT        NOT NULL CHECK (level IN ('PRIMARY', 'GCSE', 'A_LEVEL', 'IB', 'UNIVERSITY',
                                                                       'ADULT')),
    price_amount                 BIGINT      NOT NULL CHECK (price_amount >= 0),
    price_currency               CHAR(3)     NOT NULL,
    number_of_lessons            INT         NOT NULL CHECK (number_of_lessons > 0),
    lesson_minutes               INT         NOT NULL CHECK (lesson_minutes > 0),
    scheduling_type              TEXT        NOT NULL CHECK (scheduling_type IN ('FLEXIBLE', 'STRICT')),
    fixed_dates                  TIMESTAMPTZ[] NOT NULL DEFAULT '{}',
    preliminary_meeting_required BOOLEAN     NOT NULL DEFAULT FALSE,
    max_completion_days          INT CHECK (max_completion_days > 0),
    published                    BOOLEAN     NOT NULL DEFAULT FALSE,
    moderation_status            TEXT        NOT NULL DEFAULT 'ACTIVE' CHECK (moderation_status IN ('ACTIVE', 'REMOVED')),
    removal_reason               TEXT,
    removed_by                   UUID,
    removed_at                   TIMESTAMPTZ,
    version                      BIGINT      NOT NULL DEFAULT 1,
    created_at                   TIMESTAMPTZ NOT NULL,
    updated_at                   TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, tutor_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, category_id) REFERENCES categories (tenant_id, id)
);
CREATE INDEX course_packs_tutor_idx ON course_packs (tenant_id, tutor_id);
CREATE INDEX course_packs_public_idx ON course_packs (tenant_id, category_id) WHERE published AND moderation_status = 'ACTIVE';
SELECT lyceum_enable_tenant_isolation('course_packs');

CREATE TABLE course_materials
(
    id           UUID PRIMARY KEY,
    tenant_id    UUID        NOT NULL,
    pack_id      UUID        NOT NULL,
    kind         TEXT        NOT NULL CHECK (kind IN ('FILE', 'VIDEO', 'DOCUMENT', 'LINK')),
    title        TEXT        NOT NULL,
    description  TEXT,
    url          TEXT,
    storage_key  TEXT,
    content_type TEXT,
    size_bytes   BIGINT,
    sha256       TEXT,
    file_name    TEXT,
    position     INT         NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, pack_id) REFERENCES course_packs (tenant_id, id) ON DELETE CASCADE,
    CHECK ((url IS NULL) <> (storage_key IS NULL))
);
CREATE UNIQUE INDEX course_materials_title_unique ON course_materials (tenant_id, pack_id, lower(title));
CREATE INDEX course_materials_pack_idx ON course_materials (tenant_id, pack_id, position);
SELECT lyceum_enable_tenant_isolation('course_materials');
