-- The tenants with package or enrollment work due (see tenancy's due-work lookup), each through its partial index:
-- packages ACTIVE or EXHAUSTED whose credits expire by now + lead (lead 0: the expiry; the warning period: a superset
-- of the packages to warn, whose claim also wants credits left and no warning yet), and enrollments still PENDING
-- past their payment deadline.
SELECT lyceum_enable_due_work_lookup('packages');
SELECT lyceum_enable_due_work_lookup('enrollments');

CREATE FUNCTION billing_tenants_with_expiring_packages(now timestamptz, lead interval)
    RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT DISTINCT tenant_id FROM packages WHERE status IN ('ACTIVE', 'EXHAUSTED') AND expires_at <= now + lead
$$;

CREATE FUNCTION billing_tenants_with_overdue_enrollments(now timestamptz)
    RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT DISTINCT tenant_id FROM enrollments WHERE status = 'PENDING' AND payment_deadline <= now
$$;
