-- The tenants with a review to reveal (see tenancy's due-work lookup): its blind window over and not yet counted.
SELECT lyceum_enable_due_work_lookup('reviews');

CREATE FUNCTION reviews_tenants_with_due_reveals(now timestamptz)
    RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT DISTINCT tenant_id FROM reviews WHERE NOT counted AND visible_from <= now
$$;
