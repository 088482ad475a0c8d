-- Row-level security plumbing. The application sets lyceum.tenant_id on every connection it takes from the pool
-- (TenantAwareDataSource); every tenant-owned table gets the policy below, with FORCE so that even a table owner
-- running the application is confined. A connection with no tenant set sees no tenant-owned rows at all.
CREATE FUNCTION lyceum_current_tenant() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT nullif(current_setting('lyceum.tenant_id', true), '')::uuid $$;

-- Applies the standard tenant-isolation policy to a table that has a tenant_id column.
CREATE FUNCTION lyceum_enable_tenant_isolation(table_name regclass) RETURNS void
    LANGUAGE plpgsql
AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', table_name);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', table_name);
    EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (tenant_id = lyceum_current_tenant()) '
                       'WITH CHECK (tenant_id = lyceum_current_tenant())', table_name);
END
$$;
