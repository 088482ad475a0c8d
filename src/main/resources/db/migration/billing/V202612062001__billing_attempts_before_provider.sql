-- Provider calls happen outside transactions: an attempt, a refund and a withdrawal are recorded (with the
-- deterministic idempotency key the provider is called with) and committed before the provider is asked, and the
-- answer is applied in a second transaction. A crash in between leaves the row open for the recovery job.

-- STARTED: recorded, the provider not asked or not answered yet (one live attempt per order, as before).
-- UNKNOWN: the provider could not be reached; whether it created the intent is found out later.
-- ABANDONED: the provider made no intent for it (it refused the request, or the recovery job found none).
ALTER TABLE payment_attempts ALTER COLUMN provider_payment_id DROP NOT NULL;
ALTER TABLE payment_attempts ADD COLUMN idempotency_key TEXT;
ALTER TABLE payment_attempts DROP CONSTRAINT payment_attempts_status_check;
ALTER TABLE payment_attempts ADD CONSTRAINT payment_attempts_status_check
    CHECK (status IN ('STARTED', 'UNKNOWN', 'ABANDONED', 'REQUIRES_PAYMENT_METHOD', 'REQUIRES_ACTION', 'PROCESSING',
                      'SUCCEEDED', 'CANCELED'));
ALTER TABLE payment_attempts ADD CONSTRAINT payment_attempts_started_has_key
    CHECK (provider_payment_id IS NOT NULL OR idempotency_key IS NOT NULL);
CREATE UNIQUE INDEX payment_attempts_idempotency_key_idx ON payment_attempts (tenant_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
DROP INDEX payment_attempts_one_live_idx;
CREATE UNIQUE INDEX payment_attempts_one_live_idx ON payment_attempts (tenant_id, order_id)
    WHERE status IN ('STARTED', 'REQUIRES_ACTION', 'PROCESSING', 'SUCCEEDED');
-- what the recovery job looks at: attempts whose outcome we do not know yet
CREATE INDEX payment_attempts_open_idx ON payment_attempts (tenant_id, updated_at)
    WHERE status IN ('STARTED', 'UNKNOWN', 'REQUIRES_ACTION', 'PROCESSING');

-- refunds asked of the provider after their transaction: those never answered are found by the recovery job
CREATE INDEX refunds_unanswered_idx ON refunds (tenant_id, created_at)
    WHERE status = 'PENDING' AND provider_refund_id IS NULL;
-- withdrawals whose payout was never answered
CREATE INDEX withdrawals_unanswered_idx ON withdrawals (tenant_id, requested_at)
    WHERE status = 'PENDING' AND provider_payout_id IS NULL;
