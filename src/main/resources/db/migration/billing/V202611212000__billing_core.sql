-- Billing core: the double-entry ledger, orders (one model for everything a user pays), payment attempts at the
-- provider, refunds and the incoming webhook events already processed.

-- Ledger accounts. One row per (type, owner, currency): owner is the tutor or student for per-user accounts and
-- NULL for the tenant's own accounts (provider clearing, customer prepayments, platform revenue, refunds in transit).
CREATE TABLE ledger_accounts
(
    id         UUID PRIMARY KEY,
    tenant_id  UUID        NOT NULL REFERENCES tenants (id),
    type       TEXT        NOT NULL,
    owner_id   UUID,
    currency   CHAR(3)     NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, id)
);
CREATE UNIQUE INDEX ledger_accounts_identity ON ledger_accounts (tenant_id, type, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'::uuid), currency);
SELECT lyceum_enable_tenant_isolation('ledger_accounts');

-- A journal entry: one business event's money movement. reference names the event (for example
-- 'order:<id>:paid'); it is unique so that a redelivered event can never be posted twice.
CREATE TABLE journal_entries
(
    id                   UUID PRIMARY KEY,
    tenant_id            UUID        NOT NULL REFERENCES tenants (id),
    kind                 TEXT        NOT NULL,
    reference            TEXT        NOT NULL,
    description          TEXT,
    order_id             UUID,
    booking_id           UUID,
    commission_tier      TEXT,
    commission_rate_bps  INT CHECK (commission_rate_bps BETWEEN 0 AND 10000),
    occurred_at          TIMESTAMPTZ NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, reference)
);
CREATE INDEX journal_entries_order_idx ON journal_entries (tenant_id, order_id) WHERE order_id IS NOT NULL;
CREATE INDEX journal_entries_booking_idx ON journal_entries (tenant_id, booking_id) WHERE booking_id IS NOT NULL;
SELECT lyceum_enable_tenant_isolation('journal_entries');

-- Lines: amount > 0 debits the account, amount < 0 credits it. The lines of an entry sum to zero per currency,
-- checked at commit by a deferred constraint trigger.
CREATE TABLE journal_lines
(
    id         UUID PRIMARY KEY,
    tenant_id  UUID    NOT NULL,
    entry_id   UUID    NOT NULL,
    account_id UUID    NOT NULL,
    amount     BIGINT  NOT NULL CHECK (amount <> 0),
    currency   CHAR(3) NOT NULL,
    FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id),
    FOREIGN KEY (tenant_id, account_id) REFERENCES ledger_accounts (tenant_id, id)
);
CREATE INDEX journal_lines_account_idx ON journal_lines (tenant_id, account_id, entry_id);
CREATE INDEX journal_lines_entry_idx ON journal_lines (entry_id);
SELECT lyceum_enable_tenant_isolation('journal_lines');

CREATE FUNCTION lyceum_check_journal_entry_balanced() RETURNS TRIGGER
    LANGUAGE plpgsql AS
$$
DECLARE
    unbalanced TEXT;
BEGIN
    SELECT string_agg(currency || ' ' || total, ', ')
    INTO unbalanced
    FROM (SELECT currency, sum(amount) AS total
          FROM journal_lines
          WHERE entry_id = NEW.entry_id
          GROUP BY currency
          HAVING sum(amount) <> 0) AS off;
    IF unbalanced IS NOT NULL THEN
        RAISE EXCEPTION 'journal entry % does not balance: %', NEW.entry_id, unbalanced
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER journal_lines_balanced
    AFTER INSERT ON journal_lines
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
EXECUTE FUNCTION lyceum_check_journal_entry_balanced();

-- Orders: everything a user pays (a booking, a package, an enrollment, an invoice), one per thing paid for.
CREATE TABLE orders
(
    id                  UUID PRIMARY KEY,
    tenant_id           UUID        NOT NULL REFERENCES tenants (id),
    kind                TEXT        NOT NULL CHECK (kind IN ('BOOKING', 'PACKAGE', 'ENROLLMENT', 'INVOICE')),
    reference_id        UUID        NOT NULL,
    payer_id            UUID        NOT NULL,
    student_id          UUID,
    tutor_id            UUID,
    description         TEXT        NOT NULL,
    amount              BIGINT      NOT NULL CHECK (amount > 0),
    currency            CHAR(3)     NOT NULL,
    refunded_amount     BIGINT      NOT NULL DEFAULT 0,
    status              TEXT        NOT NULL CHECK (status IN ('OPEN', 'REQUIRES_ACTION', 'PROCESSING', 'PAID',
                                                               'PARTIALLY_REFUNDED', 'REFUNDED', 'CANCELLED')),
    provider            TEXT,
    provider_payment_id TEXT,
    failure_code        TEXT,
    failure_message     TEXT,
    expires_at          TIMESTAMPTZ,
    paid_at             TIMESTAMPTZ,
    version             BIGINT      NOT NULL DEFAULT 1,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, id),
    UNIQUE (tenant_id, kind, reference_id),
    CHECK (refunded_amount BETWEEN 0 AND amount),
    FOREIGN KEY (tenant_id, payer_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX orders_payer_idx ON orders (tenant_id, payer_id, created_at DESC);
CREATE INDEX orders_reference_idx ON orders (tenant_id, reference_id);
CREATE UNIQUE INDEX orders_provider_payment_idx ON orders (provider, provider_payment_id) WHERE provider_payment_id IS NOT NULL;
CREATE INDEX orders_open_expiry_idx ON orders (tenant_id, expires_at) WHERE status IN ('OPEN', 'REQUIRES_ACTION');
SELECT lyceum_enable_tenant_isolation('orders');

-- Append-only history of every order state change, with actor and reason.
CREATE TABLE order_history
(
    id          UUID PRIMARY KEY,
    tenant_id   UUID        NOT NULL,
    order_id    UUID        NOT NULL,
    from_status TEXT,
    to_status   TEXT        NOT NULL,
    actor_id    UUID,
    actor_role  TEXT        NOT NULL,
    reason      TEXT,
    details     JSONB,
    occurred_at TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id)
);
CREATE INDEX order_history_order_idx ON order_history (tenant_id, order_id, occurred_at);
SELECT lyceum_enable_tenant_isolation('order_history');

-- Each attempt to take an order's money at the provider (a payment intent). At most one attempt per order may be
-- live or succeeded, so a double checkout can never charge twice.
CREATE TABLE payment_attempts
(
    id                  UUID PRIMARY KEY,
    tenant_id           UUID        NOT NULL,
    order_id            UUID        NOT NULL,
    provider            TEXT        NOT NULL,
    provider_payment_id TEXT        NOT NULL,
    status              TEXT        NOT NULL CHECK (status IN ('REQUIRES_PAYMENT_METHOD', 'REQUIRES_ACTION',
                                                               'PROCESSING', 'SUCCEEDED', 'CANCELED')),
    amount              BIGINT      NOT NULL CHECK (amount > 0),
    currency            CHAR(3)     NOT NULL,
    payment_method_id   TEXT,
    next_action_url     TEXT,
    failure_code        TEXT,
    failure_message     TEXT,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id),
    UNIQUE (provider, provider_payment_id)
);
CREATE UNIQUE INDEX payment_attempts_one_live_idx ON payment_attempts (tenant_id, order_id)
    WHERE status IN ('REQUIRES_ACTION', 'PROCESSING', 'SUCCEEDED');
SELECT lyceum_enable_tenant_isolation('payment_attempts');

-- Refunds of an order's payment; the order's refunded_amount (checked <= amount) is raised in the same transaction.
CREATE TABLE refunds
(
    id                 UUID PRIMARY KEY,
    tenant_id          UUID        NOT NULL,
    order_id           UUID        NOT NULL,
    amount             BIGINT      NOT NULL CHECK (amount > 0),
    currency           CHAR(3)     NOT NULL,
    status             TEXT        NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    reason             TEXT        NOT NULL,
    reference          TEXT        NOT NULL,
    provider_refund_id TEXT,
    requested_by       UUID,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id),
    UNIQUE (tenant_id, reference)
);
CREATE INDEX refunds_order_idx ON refunds (tenant_id, order_id);
CREATE UNIQUE INDEX refunds_provider_idx ON refunds (provider_refund_id) WHERE provider_refund_id IS NOT NULL;
SELECT lyceum_enable_tenant_isolation('refunds');

-- Incoming provider webhook events already processed; the key makes each event id count once.
CREATE TABLE webhook_events
(
    provider     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    tenant_id    UUID        NOT NULL,
    type         TEXT        NOT NULL,
    object_id    TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (provider, event_id)
);
SELECT lyceum_enable_tenant_isolation('webhook_events');

-- Owner-configured commission: the rate falls as a tutor's taught hours grow; trials have their own rate.
CREATE TABLE commission_tiers
(
    tenant_id      UUID        NOT NULL REFERENCES tenants (id),
    name           TEXT        NOT NULL,
    min_hours      INT         NOT NULL CHECK (min_hours >= 0),
    rate_bps       INT         NOT NULL CHECK (rate_bps BETWEEN 0 AND 10000),
    updated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, min_hours)
);
SELECT lyceum_enable_tenant_isolation('commission_tiers');

CREATE TABLE commission_settings
(
    tenant_id      UUID PRIMARY KEY REFERENCES tenants (id),
    trial_rate_bps INT         NOT NULL CHECK (trial_rate_bps BETWEEN 0 AND 10000),
    version        BIGINT      NOT NULL DEFAULT 1,
    updated_by     UUID,
    updated_at     TIMESTAMPTZ NOT NULL
);
SELECT lyceum_enable_tenant_isolation('commission_settings');

-- The ledger and histories are append-only for the application: corrections are new entries.
DO
$$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}') AND current_user <> '${appRole}' THEN
        EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE ON journal_entries, journal_lines, order_history FROM ${appRole}';
    END IF;
END
$$;
