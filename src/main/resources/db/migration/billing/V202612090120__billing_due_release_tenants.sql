-- The tenants with an earning to release (see tenancy's due-work lookup): PENDING past its release time, exactly what
-- the release job claims in each tenant. The pending earnings are few (those within the dispute window) and the
-- partial index tutor_earnings_due_idx holds only them.
SELECT lyceum_enable_due_work_lookup('tutor_earnings');

CREATE FUNCTION billing_tenants_with_due_releases(now timestamptz)
    RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT DISTINCT tenant_id FROM tutor_earnings WHERE state = 'PENDING' AND release_at <= now
$$;
