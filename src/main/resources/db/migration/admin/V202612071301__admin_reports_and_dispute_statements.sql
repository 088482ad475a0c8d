-- Reports (seed 002's AdminIssue): anyone signed in reports a user, a message, a review, a course pack or a tutor
-- profile; admins assign, investigate and resolve them. The admin's note never leaves the desk.
CREATE TABLE admin_reports
(
    tenant_id         UUID        NOT NULL REFERENCES tenants (id),
    id                UUID        NOT NULL PRIMARY KEY,
    reporter_id       UUID        NOT NULL,
    target_type       TEXT        NOT NULL CHECK (length(target_type) BETWEEN 1 AND 30),
    target_id         UUID        NOT NULL,
    -- the user the report is about: the reported user, or the author or owner of the reported content
    target_user_id    UUID,
    target_label      TEXT CHECK (length(target_label) <= 300),
    description       TEXT        NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
    status            TEXT        NOT NULL CHECK (length(status) BETWEEN 1 AND 30),
    assignee_id       UUID,
    resolution        TEXT CHECK (length(resolution) <= 30),
    public_resolution TEXT CHECK (length(public_resolution) <= 2000),
    admin_note        TEXT CHECK (length(admin_note) <= 4000),
    resolved_by       UUID,
    resolved_at       TIMESTAMPTZ,
    version           BIGINT      NOT NULL DEFAULT 1,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, reporter_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, assignee_id) REFERENCES users (tenant_id, id),
    -- a closed report has its resolution, an open one has none
    CHECK ((resolution IS NULL) = (resolved_at IS NULL))
);
-- one live report per reporter and target: reporting the same thing again while it is handled is a 409
CREATE UNIQUE INDEX admin_reports_one_live_idx ON admin_reports (tenant_id, reporter_id, target_type, target_id)
    WHERE resolved_at IS NULL;
CREATE INDEX admin_reports_queue_idx ON admin_reports (tenant_id, status, created_at);
CREATE INDEX admin_reports_reporter_idx ON admin_reports (tenant_id, reporter_id, created_at DESC);
CREATE INDEX admin_reports_target_user_idx ON admin_reports (tenant_id, target_user_id, created_at DESC);
SELECT lyceum_enable_tenant_isolation('admin_reports');

-- Every change of a report (filed, assigned, investigating, resolved, dismissed): append-only.
CREATE TABLE admin_report_history
(
    tenant_id   UUID        NOT NULL REFERENCES tenants (id),
    id          UUID        NOT NULL PRIMARY KEY,
    report_id   UUID        NOT NULL REFERENCES admin_reports (id),
    from_status TEXT,
    to_status   TEXT        NOT NULL,
    actor_id    UUID,
    actor_role  TEXT        NOT NULL,
    reason      TEXT CHECK (length(reason) <= 4000),
    details     JSONB,
    occurred_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX admin_report_history_report_idx ON admin_report_history (report_id, occurred_at);
SELECT lyceum_enable_tenant_isolation('admin_report_history');

-- What each party of a disputed booking says, besides the statement the dispute was opened with (scheduling keeps
-- that one): one statement per person and booking.
CREATE TABLE dispute_statements
(
    tenant_id   UUID        NOT NULL REFERENCES tenants (id),
    id          UUID        NOT NULL PRIMARY KEY,
    booking_id  UUID        NOT NULL,
    author_id   UUID        NOT NULL,
    author_role TEXT        NOT NULL CHECK (length(author_role) BETWEEN 1 AND 30),
    statement   TEXT        NOT NULL CHECK (length(statement) BETWEEN 1 AND 4000),
    created_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, booking_id, author_id),
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id)
);
SELECT lyceum_enable_tenant_isolation('dispute_statements');

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}') AND current_user <> '${appRole}' THEN
        EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE ON admin_report_history FROM ${appRole}';
        EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE ON dispute_statements FROM ${appRole}';
    END IF;
END
$$;
