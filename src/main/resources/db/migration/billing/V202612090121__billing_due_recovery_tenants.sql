-- The tenants with a provider call left unanswered (see tenancy's due-work lookup), as the payment recovery job
-- claims them in each tenant: an attempt STARTED or UNKNOWN since before started_before, or waiting for the cardholder
-- or the bank since before under_way_before; a refund or a withdrawal never answered, made before started_before.
-- Each branch reads only the partial index of the open rows of its table.
SELECT lyceum_enable_due_work_lookup('payment_attempts');
SELECT lyceum_enable_due_work_lookup('refunds');
SELECT lyceum_enable_due_work_lookup('withdrawals');

CREATE FUNCTION billing_tenants_with_open_provider_calls(started_before timestamptz, under_way_before timestamptz)
    RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT tenant_id FROM payment_attempts
     WHERE status IN ('STARTED', 'UNKNOWN', 'REQUIRES_ACTION', 'PROCESSING')
       AND ((status IN ('STARTED', 'UNKNOWN') AND updated_at < started_before)
            OR (status IN ('REQUIRES_ACTION', 'PROCESSING') AND updated_at < under_way_before))
    UNION
    SELECT tenant_id FROM refunds
     WHERE status = 'PENDING' AND provider_refund_id IS NULL AND created_at < started_before
    UNION
    SELECT tenant_id FROM withdrawals
     WHERE status = 'PENDING' AND provider_payout_id IS NULL AND requested_at < started_before
$$;
