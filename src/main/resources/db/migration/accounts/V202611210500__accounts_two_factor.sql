-- Second factors of a user: a TOTP authenticator app (PENDING while totp_secret is set but totp_enabled_at is not)
-- and/or one-time codes by email. totp_last_used_step is the RFC 6238 time step of the last accepted code: a code is
-- accepted only for a later step, so no code works twice. failures/blocked_until slow down guessing of second factors
-- across challenges (progressive delay, like login_failures).
CREATE TABLE user_second_factors
(
    user_id             UUID PRIMARY KEY,
    tenant_id           UUID        NOT NULL,
    totp_secret         TEXT,
    totp_enabled_at     TIMESTAMPTZ,
    totp_last_used_step BIGINT,
    email_enabled_at    TIMESTAMPTZ,
    failures            INT         NOT NULL DEFAULT 0,
    blocked_until       TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
    CHECK (totp_enabled_at IS NULL OR totp_secret IS NOT NULL)
);
SELECT lyceum_enable_tenant_isolation('user_second_factors');

-- Single-use recovery codes, stored as SHA-256 hashes (the codes carry about 82 random bits).
CREATE TABLE recovery_codes
(
    id         UUID PRIMARY KEY,
    tenant_id  UUID        NOT NULL,
    user_id    UUID        NOT NULL,
    code_hash  TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
    UNIQUE (user_id, code_hash)
);
SELECT lyceum_enable_tenant_isolation('recovery_codes');

-- The pending second step of a sign-in whose password was right: short-lived, bound to one user, single use, dead
-- after five wrong codes. Only the hash of the opaque challenge id handed to the client is stored.
CREATE TABLE two_factor_challenges
(
    id          UUID PRIMARY KEY,
    tenant_id   UUID        NOT NULL,
    user_id     UUID        NOT NULL,
    token_hash  TEXT        NOT NULL UNIQUE,
    attempts    INT         NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    consumed_at TIMESTAMPTZ,
    ip_address  TEXT,
    user_agent  TEXT,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX two_factor_challenges_user_idx ON two_factor_challenges (user_id, expires_at);
SELECT lyceum_enable_tenant_isolation('two_factor_challenges');
