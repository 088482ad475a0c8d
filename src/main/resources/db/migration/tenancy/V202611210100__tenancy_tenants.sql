-- Tenants: agencies or marketplaces sharing one Lyceum installation. Every tenant-owned table carries tenant_id.
CREATE TABLE tenants
(
    id               UUID PRIMARY KEY,
    slug             TEXT        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name             TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    status           TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'CLOSED')),
    default_currency CHAR(3)     NOT NULL,
    time_zone        TEXT        NOT NULL,
    settings         JSONB       NOT NULL DEFAULT '{}'::jsonb,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    version          BIGINT      NOT NULL DEFAULT 0
);

-- A fresh install has one tenant so that a single-business deployment needs no setup.
INSERT INTO tenants (id, slug, name, status, default_currency, time_zone, created_at, updated_at)
VALUES ('00000000-0000-7000-8000-000000000001', 'default', 'Lyceum', 'ACTIVE', 'GBP', 'Europe/London', now(), now());
