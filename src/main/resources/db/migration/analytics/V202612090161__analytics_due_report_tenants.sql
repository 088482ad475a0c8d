-- The tenants with a report to generate (see tenancy's due-work lookup): requested, or running with its lease out,
-- and due. Reads the small partial index of open reports.
SELECT lyceum_enable_due_work_lookup('analytics_reports');

CREATE FUNCTION analytics_tenants_with_due_reports(now timestamptz)
    RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT DISTINCT tenant_id FROM analytics_reports
     WHERE status IN ('REQUESTED', 'RUNNING') AND next_attempt_at <= now
       AND (status = 'REQUESTED' OR lease_until < now)
$$;
