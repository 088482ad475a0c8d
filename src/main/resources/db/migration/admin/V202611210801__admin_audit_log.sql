-- Audit log: who did what to whom, with the state before and after. Append-only: the application role may only
-- read and insert, and a trigger refuses UPDATE, DELETE and TRUNCATE from anyone, table owner included.
CREATE TABLE audit_log
(
    tenant_id     UUID        NOT NULL REFERENCES tenants (id),
    id            UUID        NOT NULL PRIMARY KEY,
    actor_user_id UUID,
    action        TEXT        NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
    subject_type  TEXT        NOT NULL CHECK (length(subject_type) BETWEEN 1 AND 50),
    subject_id    UUID        NOT NULL,
    before        JSONB,
    after         JSONB,
    reason        TEXT CHECK (length(reason) <= 1000),
    request_id    TEXT CHECK (length(request_id) <= 128),
    occurred_at   TIMESTAMPTZ NOT NULL
);
-- one entry per event: a redelivered event (the publication registry retries unfinished listeners) is a no-op
CREATE UNIQUE INDEX audit_log_event_uq ON audit_log (tenant_id, subject_id, occurred_at, action, subject_type);
CREATE INDEX audit_log_recent_idx ON audit_log (tenant_id, occurred_at DESC, id DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (tenant_id, actor_user_id, occurred_at DESC);
SELECT lyceum_enable_tenant_isolation('audit_log');

CREATE FUNCTION audit_log_append_only() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}') AND current_user <> '${appRole}' THEN
        EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${appRole}';
    END IF;
END
$$;
