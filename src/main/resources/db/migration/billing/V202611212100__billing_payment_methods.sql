-- Saved payment methods. The card details themselves stay with the provider (Stripe.js or the sandbox tokenizes them
-- in the browser); Lyceum keeps the provider's customer of each user and what it needs to show a saved card.

CREATE TABLE payment_customers
(
    tenant_id            UUID        NOT NULL REFERENCES tenants (id),
    user_id              UUID        NOT NULL,
    provider             TEXT        NOT NULL,
    provider_customer_id TEXT        NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, user_id, provider),
    UNIQUE (provider, provider_customer_id)
);
SELECT lyceum_enable_tenant_isolation('payment_customers');

CREATE TABLE payment_methods
(
    id                 UUID PRIMARY KEY,
    tenant_id          UUID        NOT NULL REFERENCES tenants (id),
    user_id            UUID        NOT NULL,
    provider           TEXT        NOT NULL,
    provider_method_id TEXT        NOT NULL,
    brand              TEXT        NOT NULL,
    last4              TEXT        NOT NULL,
    exp_month          INT         NOT NULL CHECK (exp_month BETWEEN 0 AND 12), -- 0: no expiry (a bank debit)
    exp_year           INT         NOT NULL,
    funding            TEXT,
    created_at         TIMESTAMPTZ NOT NULL,
    removed_at         TIMESTAMPTZ,
    FOREIGN KEY (tenant_id, user_id, provider) REFERENCES payment_customers (tenant_id, user_id, provider)
);
-- a provider's payment method is saved once while it is live
CREATE UNIQUE INDEX payment_methods_live_uq ON payment_methods (provider, provider_method_id) WHERE removed_at IS NULL;
CREATE INDEX payment_methods_user_idx ON payment_methods (tenant_id, user_id, created_at) WHERE removed_at IS NULL;
SELECT lyceum_enable_tenant_isolation('payment_methods');
