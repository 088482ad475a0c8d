-- The application connects as a non-superuser role (${appRole}) so that row-level security applies to it.
-- Tables are owned by the migration user; the application role gets data access only, never DDL.
-- When the application and the migration user are the same role (a single-user external database),
-- the grants are skipped: an owner already has these rights.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}') AND current_user <> '${appRole}' THEN
        EXECUTE 'GRANT USAGE ON SCHEMA public TO ${appRole}';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${appRole}';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${appRole}';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO ${appRole}';
    ELSIF current_user <> '${appRole}' THEN
        RAISE WARNING 'Application role ${appRole} does not exist: no grants given. Create it (see README) or set '
            'LYCEUM_DB_APP_ROLE to the role the application connects as.';
    END IF;
END
$$;
