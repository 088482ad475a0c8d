-- The tenants with a webhook message due (see tenancy's due-work lookup), as the dispatcher claims them in each
-- tenant: PENDING and due, or SENDING whose lease ran out (next_attempt_at is the lease's end while SENDING). Only the
-- partial index webhook_messages_due_idx, which holds the undelivered messages, is read.
SELECT lyceum_enable_due_work_lookup('webhook_messages');

CREATE FUNCTION webhooks_tenants_with_due_messages(now timestamptz)
    RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT DISTINCT tenant_id FROM webhook_messages WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= now
$$;
