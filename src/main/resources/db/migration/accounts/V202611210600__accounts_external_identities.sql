-- Accounts signed in through an external OpenID Connect provider (Google). A provider's subject belongs to at most
-- one account per tenant, and an account has at most one identity per provider.
CREATE TABLE external_identities
(
    id         UUID PRIMARY KEY,
    tenant_id  UUID        NOT NULL,
    user_id    UUID        NOT NULL,
    provider   TEXT        NOT NULL CHECK (provider IN ('GOOGLE')),
    subject    TEXT        NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
    email      TEXT CHECK (length(email) <= 254),
    linked_at  TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
    UNIQUE (tenant_id, provider, subject),
    UNIQUE (tenant_id, user_id, provider)
);
SELECT lyceum_enable_tenant_isolation('external_identities');

-- A started external sign-in: the OAuth state (hashed), the PKCE code verifier and the OpenID nonce (hashed), kept
-- server-side for ten minutes and consumed by the first callback that presents the state. The state's own bytes
-- start with the tenant id, so a callback finds its tenant without any header.
CREATE TABLE external_sign_in_states
(
    id              UUID PRIMARY KEY,
    tenant_id       UUID        NOT NULL REFERENCES tenants (id),
    provider        TEXT        NOT NULL CHECK (provider IN ('GOOGLE')),
    state_hash      TEXT        NOT NULL UNIQUE,
    purpose         TEXT        NOT NULL CHECK (purpose IN ('LOGIN', 'LINK')),
    user_id         UUID,
    code_verifier   TEXT        NOT NULL,
    nonce_hash      TEXT        NOT NULL,
    cookie_mode     BOOLEAN     NOT NULL,
    browser_hash    TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    consumed_at     TIMESTAMPTZ,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
    CHECK ((purpose = 'LINK') = (user_id IS NOT NULL))
);
CREATE INDEX external_sign_in_states_expiry_idx ON external_sign_in_states (tenant_id, expires_at);
SELECT lyceum_enable_tenant_isolation('external_sign_in_states');
