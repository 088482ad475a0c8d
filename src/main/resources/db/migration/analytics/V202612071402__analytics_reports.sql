-- Analytics reports (seed 002's AdminAnalyticsReport): an admin asks for a report over a period; the report worker
-- (a recurring job) claims it, writes the file to the file storage and marks it READY. A worker holds a report for a
-- lease: a report still RUNNING after its lease (its instance died) is claimed again, and each attempt writes its own
-- file, so a late finisher cannot overwrite a newer attempt's (completion is fenced on the attempt number).
CREATE TABLE analytics_reports
(
    id              UUID PRIMARY KEY,
    tenant_id       UUID        NOT NULL REFERENCES tenants (id),
    type            TEXT        NOT NULL CHECK (type IN ('BOOKINGS', 'REVENUE', 'TUTORS', 'USERS', 'PAYOUTS')),
    format          TEXT        NOT NULL CHECK (format IN ('CSV')),
    period_from     DATE        NOT NULL,
    period_to       DATE        NOT NULL CHECK (period_to >= period_from),
    time_zone       TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('REQUESTED', 'RUNNING', 'READY', 'FAILED')),
    requested_by    UUID        NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TIMESTAMPTZ NOT NULL,
    lease_until     TIMESTAMPTZ,
    storage_key     TEXT,
    content_type    TEXT,
    size_bytes      BIGINT,
    sha256          TEXT,
    row_count       BIGINT,
    failure         TEXT CHECK (length(failure) <= 1000),
    requested_at    TIMESTAMPTZ NOT NULL,
    started_at      TIMESTAMPTZ,
    completed_at    TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, requested_by) REFERENCES users (tenant_id, id),
    CHECK ((status = 'READY') = (storage_key IS NOT NULL AND completed_at IS NOT NULL))
);
CREATE INDEX analytics_reports_list_idx ON analytics_reports (tenant_id, requested_at DESC, id DESC);
CREATE INDEX analytics_reports_due_idx ON analytics_reports (tenant_id, next_attempt_at)
    WHERE status IN ('REQUESTED', 'RUNNING');
SELECT lyceum_enable_tenant_isolation('analytics_reports');
