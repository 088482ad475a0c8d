-- The tenants with a booking timer due (see tenancy's due-work lookup): a hold ended or about to, a request past its
-- confirmation deadline, a lesson past its end plus the grace, a reminder due. A superset of what the sweeps claim:
-- each sweep's own query in the tenant decides. Each branch uses one of the partial indexes on bookings.
SELECT lyceum_enable_due_work_lookup('bookings');

CREATE FUNCTION scheduling_tenants_with_due_timers(
    now timestamptz, hold_warning_lead interval, confirmation_lead interval, completion_grace interval)
    RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT tenant_id FROM bookings
     WHERE state = 'PENDING_PAYMENT' AND hold_expires_at <= now + hold_warning_lead
    UNION
    SELECT tenant_id FROM bookings
     WHERE state = 'REQUESTED' AND starts_at <= now + confirmation_lead
    UNION
    SELECT tenant_id FROM bookings
     WHERE state = 'CONFIRMED' AND ends_at <= now - completion_grace
    UNION
    SELECT tenant_id FROM bookings
     WHERE state = 'CONFIRMED' AND starts_at > now AND starts_at <= now + interval '24 hours'
       AND (reminded_24h_at IS NULL OR reminded_1h_at IS NULL)
$$;
