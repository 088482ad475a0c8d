-- A tutor's private notes on a student they have taught: one note per (tutor, student), readable by that tutor only.
CREATE TABLE tutor_student_notes
(
    tenant_id  UUID        NOT NULL,
    tutor_id   UUID        NOT NULL,
    student_id UUID        NOT NULL,
    body       TEXT        NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
    version    BIGINT      NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tutor_id, student_id),
    FOREIGN KEY (tenant_id, tutor_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, student_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX tutor_student_notes_recent_idx ON tutor_student_notes (tenant_id, tutor_id, updated_at DESC);
SELECT lyceum_enable_tenant_isolation('tutor_student_notes');
