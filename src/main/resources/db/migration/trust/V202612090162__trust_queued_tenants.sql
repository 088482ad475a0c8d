-- The tenants with subjects waiting for a recalculation (see tenancy's due-work lookup).
SELECT lyceum_enable_due_work_lookup('trust_recalculation_queue');

CREATE FUNCTION trust_tenants_with_queued_subjects()
    RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT DISTINCT tenant_id FROM trust_recalculation_queue
$$;
