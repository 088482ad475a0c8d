-- What happens to lesson money after it is paid: commission history, tutor earnings waiting for release after the
-- dispute window, payout accounts, withdrawals (with their history) and reconciliation runs with their differences.

-- Every change of a tenant's commission tiers (append-only): who changed what, before and after.
CREATE TABLE commission_history
(
    id             UUID PRIMARY KEY,
    tenant_id      UUID        NOT NULL REFERENCES tenants (id),
    version        BIGINT      NOT NULL,
    tiers          JSONB       NOT NULL,
    trial_rate_bps INT         NOT NULL,
    previous       JSONB,
    actor_id       UUID,
    actor_role     TEXT        NOT NULL,
    occurred_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, version)
);
SELECT lyceum_enable_tenant_isolation('commission_history');

-- A lesson's earning, from the moment it is earned (completed, or the student did not show) until it is released to
-- the tutor's available balance (after the dispute window) or settled by a dispute. The money itself is in the ledger
-- (TUTOR_PENDING); this row says when to release it.
CREATE TABLE tutor_earnings
(
    tenant_id           UUID        NOT NULL REFERENCES tenants (id),
    booking_id          UUID        NOT NULL,
    tutor_id            UUID        NOT NULL,
    gross               BIGINT      NOT NULL CHECK (gross >= 0),
    commission          BIGINT      NOT NULL CHECK (commission >= 0),
    amount              BIGINT      NOT NULL CHECK (amount >= 0),
    currency            CHAR(3)     NOT NULL,
    commission_tier     TEXT        NOT NULL,
    commission_rate_bps INT         NOT NULL CHECK (commission_rate_bps BETWEEN 0 AND 10000),
    release_at          TIMESTAMPTZ NOT NULL,
    released_at         TIMESTAMPTZ,
    state               TEXT        NOT NULL CHECK (state IN ('PENDING', 'RELEASED', 'DISPUTED', 'SETTLED')),
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, booking_id),
    CHECK (gross = commission + amount)
);
CREATE INDEX tutor_earnings_due_idx ON tutor_earnings (tenant_id, release_at) WHERE state = 'PENDING';
CREATE INDEX tutor_earnings_tutor_idx ON tutor_earnings (tenant_id, tutor_id, created_at DESC);
SELECT lyceum_enable_tenant_isolation('tutor_earnings');

-- Where a tutor is paid out: a connected account at the provider. Only the last four digits of the bank account are
-- kept here; the provider holds the rest.
CREATE TABLE payout_accounts
(
    tenant_id           UUID        NOT NULL REFERENCES tenants (id),
    tutor_id            UUID        NOT NULL,
    provider            TEXT        NOT NULL,
    provider_account_id TEXT        NOT NULL,
    country             CHAR(2)     NOT NULL,
    bank_last4          TEXT        NOT NULL,
    payouts_enabled     BOOLEAN     NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, tutor_id),
    FOREIGN KEY (tenant_id, tutor_id) REFERENCES users (tenant_id, id)
);
SELECT lyceum_enable_tenant_isolation('payout_accounts');

-- A tutor's withdrawal of available earnings, paid through the provider's payouts.
CREATE TABLE withdrawals
(
    id                  UUID PRIMARY KEY,
    tenant_id           UUID        NOT NULL REFERENCES tenants (id),
    tutor_id            UUID        NOT NULL,
    amount              BIGINT      NOT NULL CHECK (amount > 0),
    currency            CHAR(3)     NOT NULL,
    status              TEXT        NOT NULL CHECK (status IN ('PENDING', 'PAID', 'FAILED')),
    provider            TEXT        NOT NULL,
    provider_account_id TEXT        NOT NULL,
    provider_payout_id  TEXT,
    failure_code        TEXT,
    failure_message     TEXT,
    requested_at        TIMESTAMPTZ NOT NULL,
    completed_at        TIMESTAMPTZ,
    updated_at          TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, tutor_id) REFERENCES users (tenant_id, id)
);
-- One pending withdrawal per tutor at a time, whatever the number of instances and parallel requests.
CREATE UNIQUE INDEX withdrawals_one_pending_idx ON withdrawals (tenant_id, tutor_id) WHERE status = 'PENDING';
CREATE INDEX withdrawals_tutor_idx ON withdrawals (tenant_id, tutor_id, requested_at DESC);
CREATE UNIQUE INDEX withdrawals_payout_idx ON withdrawals (provider, provider_payout_id)
    WHERE provider_payout_id IS NOT NULL;
SELECT lyceum_enable_tenant_isolation('withdrawals');

-- Append-only history of every withdrawal state change, with actor and reason.
CREATE TABLE withdrawal_history
(
    id            UUID PRIMARY KEY,
    tenant_id     UUID        NOT NULL,
    withdrawal_id UUID        NOT NULL,
    from_status   TEXT,
    to_status     TEXT        NOT NULL,
    actor_id      UUID,
    actor_role    TEXT        NOT NULL,
    reason        TEXT,
    occurred_at   TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (tenant_id, withdrawal_id) REFERENCES withdrawals (tenant_id, id)
);
CREATE INDEX withdrawal_history_idx ON withdrawal_history (tenant_id, withdrawal_id, occurred_at);
SELECT lyceum_enable_tenant_isolation('withdrawal_history');

-- Reconciliation runs: our orders, refunds and ledger compared with the provider's payments over a window.
CREATE TABLE reconciliation_runs
(
    id                UUID PRIMARY KEY,
    tenant_id         UUID        NOT NULL REFERENCES tenants (id),
    trigger           TEXT        NOT NULL CHECK (trigger IN ('SCHEDULED', 'MANUAL')),
    requested_by      UUID,
    window_from       TIMESTAMPTZ NOT NULL,
    window_to         TIMESTAMPTZ NOT NULL,
    provider_payments INT         NOT NULL,
    paid_orders       INT         NOT NULL,
    differences       INT         NOT NULL,
    started_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, id)
);
CREATE INDEX reconciliation_runs_idx ON reconciliation_runs (tenant_id, started_at DESC);
SELECT lyceum_enable_tenant_isolation('reconciliation_runs');

CREATE TABLE reconciliation_differences
(
    id                  UUID PRIMARY KEY,
    tenant_id           UUID        NOT NULL,
    run_id              UUID        NOT NULL,
    kind                TEXT        NOT NULL,
    order_id            UUID,
    provider_payment_id TEXT,
    currency            CHAR(3),
    ours                BIGINT,
    theirs              BIGINT,
    detail              TEXT        NOT NULL,
    FOREIGN KEY (tenant_id, run_id) REFERENCES reconciliation_runs (tenant_id, id)
);
CREATE INDEX reconciliation_differences_run_idx ON reconciliation_differences (tenant_id, run_id);
SELECT lyceum_enable_tenant_isolation('reconciliation_differences');

DO
$$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}') AND current_user <> '${appRole}' THEN
        EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE ON commission_history, withdrawal_history, reconciliation_runs, '
                    || 'reconciliation_differences FROM ${appRole}';
    END IF;
END
$$;
