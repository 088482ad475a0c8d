-- Users of a tenant. Email is unique per tenant, case-insensitively.
CREATE TABLE users
(
    id                 UUID PRIMARY KEY,
    tenant_id          UUID        NOT NULL REFERENCES tenants (id),
    email              TEXT        NOT NULL CHECK (length(email) <= 254),
    email_normalized   TEXT        NOT NULL,
    password_hash      TEXT,
    full_name          TEXT        NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    role               TEXT        NOT NULL CHECK (role IN ('STUDENT', 'GUARDIAN', 'TUTOR', 'ADMIN', 'OWNER')),
    status             TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'BANNED', 'ARCHIVED', 'DELETED')),
    email_verified_at  TIMESTAMPTZ,
    mobile             TEXT,
    mobile_verified_at TIMESTAMPTZ,
    time_zone          TEXT        NOT NULL,
    locale             TEXT        NOT NULL,
    display_currency   CHAR(3),
    archived_at        TIMESTAMPTZ,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    version            BIGINT      NOT NULL DEFAULT 0,
    UNIQUE (tenant_id, email_normalized),
    UNIQUE (tenant_id, id)
);
CREATE INDEX users_role_idx ON users (tenant_id, role);
SELECT lyceum_enable_tenant_isolation('users');

-- A signed-in device. Its refresh tokens form one family: reuse of a rotated token revokes the session.
CREATE TABLE user_sessions
(
    id                 UUID PRIMARY KEY,
    tenant_id          UUID        NOT NULL,
    user_id            UUID        NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    last_used_at       TIMESTAMPTZ NOT NULL,
    ip_address         TEXT,
    user_agent         TEXT,
    second_factor_due  BOOLEAN     NOT NULL DEFAULT false,
    revoked_at         TIMESTAMPTZ,
    revoked_reason     TEXT,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX user_sessions_user_idx ON user_sessions (user_id) WHERE revoked_at IS NULL;
SELECT lyceum_enable_tenant_isolation('user_sessions');

CREATE TABLE refresh_tokens
(
    id          UUID PRIMARY KEY,
    tenant_id   UUID        NOT NULL,
    session_id  UUID        NOT NULL REFERENCES user_sessions (id),
    token_hash  TEXT        NOT NULL UNIQUE,
    status      TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'ROTATED', 'REVOKED')),
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);
SELECT lyceum_enable_tenant_isolation('refresh_tokens');

-- Keys that sign access tokens. Not tenant data: one key set serves the installation, published as JWKS.
CREATE TABLE signing_keys
(
    kid         TEXT PRIMARY KEY,
    algorithm   TEXT        NOT NULL,
    jwk         TEXT        NOT NULL,
    status      TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'RETIRED')),
    created_at  TIMESTAMPTZ NOT NULL,
    retired_at  TIMESTAMPTZ
);
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (status) WHERE status = 'ACTIVE';

-- One-time codes and link tokens (email verification, password reset, mobile verification, second factors).
-- At most one live code per user and purpose: issuing a new one supersedes the old.
CREATE TABLE verification_codes
(
    id           UUID PRIMARY KEY,
    tenant_id    UUID        NOT NULL,
    user_id      UUID        NOT NULL,
    purpose      TEXT        NOT NULL,
    code_hash    TEXT        NOT NULL,
    link_hash    TEXT UNIQUE,
    session_id   UUID,
    sent_to      TEXT,
    attempts     INT         NOT NULL DEFAULT 0,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    consumed_at  TIMESTAMPTZ,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX verification_codes_one_live ON verification_codes (user_id, purpose) WHERE consumed_at IS NULL;
SELECT lyceum_enable_tenant_isolation('verification_codes');

-- Failed sign-ins per account, for progressive slow-down (never a permanent lock-out).
CREATE TABLE login_failures
(
    tenant_id        UUID        NOT NULL,
    email_normalized TEXT        NOT NULL,
    failures         INT         NOT NULL,
    last_failure_at  TIMESTAMPTZ NOT NULL,
    blocked_until    TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, email_normalized)
);
SELECT lyceum_enable_tenant_isolation('login_failures');
