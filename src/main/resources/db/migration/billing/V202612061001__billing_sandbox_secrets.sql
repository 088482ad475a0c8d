-- Secrets the sandbox provider generates for this installation (its webhook signing secret), so no secret that signs
-- anything is ever written in the source. Provider-side data like the other sandbox_* tables: not tenant data.
-- Rotate the webhook secret by deleting its row and restarting every instance (a new one is generated on first use).
CREATE TABLE sandbox_secrets
(
    name       TEXT PRIMARY KEY,
    value      TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
