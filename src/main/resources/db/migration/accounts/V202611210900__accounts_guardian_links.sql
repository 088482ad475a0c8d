-- Guardian (parent) to student links: the "profile graph" of seed 000. A guardian may act for a linked student
-- (book, pay, see progress) only while the link is ACTIVE. One guardian-student pair has at most one link that is
-- not revoked; revoked links stay as history.
CREATE TABLE guardian_links
(
    id           UUID PRIMARY KEY,
    tenant_id    UUID        NOT NULL,
    guardian_id  UUID        NOT NULL,
    student_id   UUID        NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'REVOKED')),
    created_at   TIMESTAMPTZ NOT NULL,
    accepted_at  TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    revoked_by   UUID,
    FOREIGN KEY (tenant_id, guardian_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, student_id) REFERENCES users (tenant_id, id),
    CHECK (guardian_id <> student_id),
    CHECK (((status = 'ACTIVE') = (accepted_at IS NOT NULL)) OR status = 'REVOKED'),
    CHECK ((status = 'REVOKED') = (revoked_at IS NOT NULL))
);
CREATE UNIQUE INDEX guardian_links_one_open ON guardian_links (tenant_id, guardian_id, student_id)
    WHERE status <> 'REVOKED';
CREATE INDEX guardian_links_student_idx ON guardian_links (tenant_id, student_id) WHERE status <> 'REVOKED';
SELECT lyceum_enable_tenant_isolation('guardian_links');

-- Invitations a guardian sends to a student's email address. Only the hash of the code is stored. A row is kept
-- even when no student has the address (nothing is sent then), so the answer and the rate limit do not reveal
-- which addresses belong to students.
CREATE TABLE guardian_link_invitations
(
    id                       UUID PRIMARY KEY,
    tenant_id                UUID        NOT NULL,
    guardian_id              UUID        NOT NULL,
    student_email_normalized TEXT        NOT NULL,
    code_hash                TEXT        NOT NULL UNIQUE,
    created_at               TIMESTAMPTZ NOT NULL,
    expires_at               TIMESTAMPTZ NOT NULL,
    consumed_at              TIMESTAMPTZ,
    accepted_by              UUID,
    FOREIGN KEY (tenant_id, guardian_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX guardian_link_invitations_guardian_idx ON guardian_link_invitations (guardian_id, created_at);
SELECT lyceum_enable_tenant_isolation('guardian_link_invitations');

-- Short-lived pairing codes a student hands to a guardian (Canvas-style). Single use; a new code supersedes the
-- student's previous one. Only the hash is stored.
CREATE TABLE guardian_pairing_codes
(
    id           UUID PRIMARY KEY,
    tenant_id    UUID        NOT NULL,
    student_id   UUID        NOT NULL,
    code_hash    TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    consumed_at  TIMESTAMPTZ,
    redeemed_by  UUID,
    FOREIGN KEY (tenant_id, student_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX guardian_pairing_codes_live_hash ON guardian_pairing_codes (code_hash) WHERE consumed_at IS NULL;
CREATE INDEX guardian_pairing_codes_student_idx ON guardian_pairing_codes (student_id) WHERE consumed_at IS NULL;
SELECT lyceum_enable_tenant_isolation('guardian_pairing_codes');

-- Link-code attempts per user, for the hourly limit on guessing: an attempt is recorded before the code is checked
-- (so parallel guesses cannot overrun the limit) and removed again when the code was right. Rows older than the
-- window are deleted as new attempts come in.
CREATE TABLE guardian_link_code_attempts
(
    id            UUID PRIMARY KEY,
    tenant_id     UUID        NOT NULL,
    user_id       UUID        NOT NULL,
    attempted_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX guardian_link_code_attempts_user_idx ON guardian_link_code_attempts (user_id, attempted_at);
SELECT lyceum_enable_tenant_isolation('guardian_link_code_attempts');
