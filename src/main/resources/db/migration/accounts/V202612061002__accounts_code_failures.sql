-- Wrong one-time codes per account, across codes and purposes (issue 11, finding 3): five tries per code alone let
-- a new code every minute reset the count. After a few failures each further try waits twice as long as the last,
-- and the owner is told once. A right code clears the row.
CREATE TABLE verification_failures
(
    user_id         UUID PRIMARY KEY,
    tenant_id       UUID        NOT NULL,
    failures        INT         NOT NULL CHECK (failures > 0),
    last_failure_at TIMESTAMPTZ NOT NULL,
    blocked_until   TIMESTAMPTZ,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
SELECT lyceum_enable_tenant_isolation('verification_failures');
