-- Learning: each course's history of state changes: generation requested, generated or failed, every saved outline
-- edit (who, when, what changed, which impacts the editor was shown) and additions to course packs.
CREATE TABLE course_history
(
    id         UUID PRIMARY KEY,
    tenant_id  UUID        NOT NULL,
    course_id  UUID        NOT NULL REFERENCES courses (id),
    from_state TEXT,
    to_state   TEXT        NOT NULL,
    actor_id   UUID,
    actor_role TEXT        NOT NULL,
    reason     TEXT,
    details    JSONB       NOT NULL DEFAULT '{}'::jsonb,
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX course_history_course_idx ON course_history (course_id, at, id);
SELECT lyceum_enable_tenant_isolation('course_history');
