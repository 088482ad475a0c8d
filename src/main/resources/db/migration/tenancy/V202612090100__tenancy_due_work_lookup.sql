-- Background sweeps (booking timers, wallet releases, report and delivery queues) used to visit every tenant, one
-- transaction each, to find the few with due work: their cost grew with the number of tenants, not with the work.
-- Each queue now has a SECURITY DEFINER function that answers only which tenants have due rows (tenant ids, never
-- row data); the sweep then works in those tenants with row-level security as before.
--
-- A definer function runs as the schema owner, and FORCE ROW LEVEL SECURITY confines the owner too. This policy lets
-- the owner (and only the owner: the application's role is not it) read a queue table across tenants. Superusers,
-- such as the embedded database's, bypass row-level security anyway.
CREATE FUNCTION lyceum_enable_due_work_lookup(table_name regclass) RETURNS void
    LANGUAGE plpgsql
AS $$
BEGIN
    EXECUTE format('CREATE POLICY due_work_lookup ON %s FOR SELECT TO %I USING (true)', table_name, current_user);
END
$$;
